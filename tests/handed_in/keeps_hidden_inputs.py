"""Right answers, but neuron_gradients keeps every argument it is called with in a global list and
numerical_gradient keeps every function it is given; two cells at the end print them (one with
`dis.dis`, which shows a hidden test's function's constants). Full points, flagged, and the
feedback shows none of what those last cells printed (they ran after the hidden tests)."""
EXPECT = "all"
FLAG = "keeps the arguments its functions are called with"
STASHED = "STASHED:"


def make(nb):
    cells = cells_by_id(nb)
    cell = cells["neuron_gradients"]
    head = "def neuron_gradients(x, w, b, y):\n"
    assert head in cell.source
    cell.source = "_seen = []\n" + cell.source.replace(head, head + "    _seen.append((x, w, b, y))\n", 1)
    cell = cells["numerical_gradient"]
    head = "def numerical_gradient(f, x, eps=1e-5):\n"
    assert head in cell.source
    cell.source = "_fs = []\n" + cell.source.replace(head, head + "    _fs.append(f)\n", 1)
    # (the marker is made when printed, so that only the outputs hold it, not the cells' code)
    mark = f"{STASHED[:3]!r} + {STASHED[3:]!r}"
    nb.cells.append(nbformat.v4.new_code_cell(f"for s in _seen:\n    print({mark}, s)"))
    nb.cells.append(nbformat.v4.new_code_cell(f"import dis\nfor f in _fs[-2:]:\n    print({mark})\n    dis.dis(f)"))
    return nb

"""Correct, with a debug dump left in: sigmoid writes about 100 kB to stderr on every call, so a
test cell that calls it often prints more than the grader keeps (1 MB of text a cell). The rest
of that output is cut, and no point is lost: the truncation is a note, not a problem."""
EXPECT = "all"
NOTE = "chain_rule: output truncated in cell"
NO_NOTE = "was missing"


def make(nb):
    sigmoid = cells_by_id(nb)["sigmoid"]
    sigmoid.source = sigmoid.source.replace(
        "    z = np.asarray(z, dtype=float)\n",
        '    import sys\n    sys.stderr.write("debug " * 16000 + "\\n")\n    z = np.asarray(z, dtype=float)\n', 1)
    assert "debug" in sigmoid.source
    return nb

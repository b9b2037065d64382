"""Right answers whose functions start with `clear_output(wait=True)` and a progress line (the
live-progress habit of training loops): the clears take what was printed, never the records the
hidden tests made. Full points (plain nbgrader gives them too), no flag."""
EXPECT = "all"
FLAG = False


def make(nb):
    for gid, head in (("numerical_gradient", "def numerical_gradient(f, x, eps=1e-5):\n"),
                      ("neuron_gradients", "def neuron_gradients(x, w, b, y):\n")):
        cell = cells_by_id(nb)[gid]
        assert head in cell.source
        cell.source = "from IPython.display import clear_output\n" + cell.source.replace(
            head, head + "    clear_output(wait=True)\n    print('working...')\n", 1)
    return nb

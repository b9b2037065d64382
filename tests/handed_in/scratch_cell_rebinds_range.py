"""A scratch cell after sigmoid keeps its plot's x values in a variable called `range` (honest,
common): the hidden tests of graph_backward and autodiff_engine call range(), which the visible
parts never do. They see the built-in (the student's value is back after each test cell): full
marks, where the student could never have seen why points were lost."""
EXPECT = "all"


def make(nb):
    at = next(k for k, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell("range = np.linspace(-4, 4, 9)\nsigmoid(range)"))
    return nb

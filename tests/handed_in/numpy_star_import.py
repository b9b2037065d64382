"""Honest work with `from numpy import *` in a cell after the set-up (an old tutorial's habit):
numpy's own `record` (a record-array type) replaces the `record` the hidden tests call, which the
student never sees used. Full points: hidden tests run with the instructor's imports."""
EXPECT = "all"
FLAG = False


def make(nb):
    at = nb.cells.index(cells_by_id(nb)["intro-setup"])
    nb.cells.insert(at + 2, nbformat.v4.new_code_cell("from numpy import *\nprint(pi)"))
    return nb

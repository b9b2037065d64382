"""Honest work whose scratch cells use the names `record` (a list of what the student tried) and
`warnings` (notes), both names the hidden tests take from the instructor's imports. Full points;
a `record = ...` line is still shown for a look (it could be a patch of the test helper)."""
EXPECT = "all"
FLAG = "patches the test helpers"


def make(nb):
    at = nb.cells.index(cells_by_id(nb)["intro-setup"])
    nb.cells.insert(at + 2, nbformat.v4.new_code_cell("record = []  # my own record of what I tried\nrecord.append('start')"))
    at = nb.cells.index(cells_by_id(nb)["test_sigmoid"])
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell("warnings = ['overflow in exp', 'fixed with np.where']  # my notes"))
    return nb

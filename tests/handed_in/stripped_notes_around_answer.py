"""Metadata and cell ids stripped, with the student's own markdown notes just above and below the
written answer (typed into its real cell): not a missing answer; all three texts go to the hand
grader in the answer cell."""
EXPECT = "all"
NOTE = "3 markdown cells of the student's stood where this written answer belongs"
NO_NOTE = "was missing"


def make(nb):
    at = nb.cells.index(cells_by_id(nb)["relu_simplification"])
    nb.cells.insert(at + 1, nbformat.v4.new_markdown_cell("(Note to self: check this against the 03 notebook.)"))
    nb.cells.insert(at, nbformat.v4.new_markdown_cell("**My answer:**"))
    nb.nbformat_minor = 4
    for cell in nb.cells:
        cell.pop("id", None)
        cell.metadata = {}
    return nb

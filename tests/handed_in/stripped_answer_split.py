"""Metadata and cell ids stripped; the written answer split over two markdown cells (the second
typed below the answer cell). Both parts reach the hand grader in the answer cell."""
EXPECT = "all"
NOTE = "2 markdown cells of the student's stood where this written answer belongs"
NO_NOTE = "was missing"


def make(nb):
    at = nb.cells.index(cells_by_id(nb)["relu_simplification"])
    nb.cells.insert(at + 1, nbformat.v4.new_markdown_cell("So the mask Z1 > 0 is all that is left of the derivative."))
    nb.nbformat_minor = 4
    for cell in nb.cells:
        cell.pop("id", None)
        cell.metadata = {}
    return nb

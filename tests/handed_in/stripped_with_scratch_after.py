"""Metadata and cell ids stripped (an editor that drops both), with a scratch cell after the
sigmoid and relative_error answers that calls them, and a markdown note of the student's."""
EXPECT = "all"
NOTE = "nbgrader metadata restored from the release"
NO_NOTE = "was missing"


def make(nb):
    for gid, call in (("sigmoid", "print(sigmoid(0.0))"), ("relative_error", "print(relative_error(1.0, 1.1))")):
        at = nb.cells.index(cells_by_id(nb)[gid])
        nb.cells.insert(at + 1, nbformat.v4.new_code_cell(call))
    nb.cells.insert(3, nbformat.v4.new_markdown_cell("My notes: the chain rule multiplies local derivatives."))
    nb.nbformat_minor = 4
    for cell in nb.cells:
        cell.pop("id", None)
        cell.metadata = {}
    return nb

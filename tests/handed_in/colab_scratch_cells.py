"""Saved by Colab (nbformat 4.0, no cell ids, no nbgrader metadata) after the student inserted a
scratch cell before three answer cells and deleted a read-only introduction cell: every answer
cell is matched (by what it defines), so no note claims it was deleted."""
import uuid

EXPECT = "all"
NOTE = "nbgrader metadata restored from the release"
NO_NOTE = "was missing"


def make(nb):
    for gid in ("sigmoid", "numerical_gradient", "linear_backward"):
        at = nb.cells.index(cells_by_id(nb)[gid])
        nb.cells.insert(at, nbformat.v4.new_code_cell("# trying things out\nx_try = np.linspace(-3, 3, 7)\nprint(x_try)"))
    nb.cells = [c for c in nb.cells if c.get("id") != "intro-step-size-seen"]
    nb.nbformat_minor = 0
    nb.metadata = {"colab": {"provenance": []}, "kernelspec": {"name": "python3", "display_name": "Python 3"}}
    for cell in nb.cells:
        cell.pop("id", None)
        cell.metadata = {"id": uuid.uuid4().hex[:12]}
        if cell.cell_type == "code":
            cell.execution_count, cell.outputs = None, []
    return nb

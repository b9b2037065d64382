"""The graph_backward answer cell deleted and the function typed into a new cell (no metadata)."""
import nbformat

EXPECT = "all"


def make(nb):
    i = next(k for k, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "graph_backward")
    nb.cells[i] = nbformat.v4.new_code_cell(nb.cells[i].source)
    return nb

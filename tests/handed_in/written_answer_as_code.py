"""The written answer's cell turned into a code cell by a stray keystroke ("y" in command mode)."""
EXPECT = "all"


def make(nb):
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "relu_simplification")
    cell.cell_type, cell.outputs, cell.execution_count = "code", [], None
    return nb

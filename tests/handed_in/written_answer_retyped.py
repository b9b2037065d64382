"""The written-answer cell relu_simplification deleted and the answer typed into a new markdown
cell without metadata: the graded cell comes back at its place, the retyped text beside it."""
import nbformat

EXPECT = "all"
NOTE = "relu_simplification was missing"
RETYPED = "Retyped: with ReLU the derivative is a 0/1 mask, so the hidden gradient just keeps the active units."


def make(nb):
    i = next(k for k, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "relu_simplification")
    nb.cells[i] = nbformat.v4.new_markdown_cell(RETYPED)
    return nb

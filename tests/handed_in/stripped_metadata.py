"""Saved by an editor that writes `"metadata": {}` on every cell (VS Code, some JupyterHub
front-ends); the nbformat cell ids survived: nbgrader's metadata comes back from the release."""
EXPECT = "all"
NOTE = "by cell id"


def make(nb):
    for cell in nb.cells:
        cell.metadata = {}
    return nb

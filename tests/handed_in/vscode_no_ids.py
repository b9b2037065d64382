"""Saved by an old VS Code as nbformat 4.2: no cell ids and `"metadata": {}` on every cell, its
own notebook metadata (`vscode`, `orig_nbformat`)."""
EXPECT = "all"
NOTE = "by content"


def make(nb):
    nb.nbformat_minor = 2
    nb.metadata["vscode"] = {"interpreter": {"hash": "3c1e9a8f"}}
    nb.metadata["orig_nbformat"] = 4
    for cell in nb.cells:
        cell.pop("id", None)
        cell.metadata = {}
    return nb

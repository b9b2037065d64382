"""Saved by VS Code: vscode metadata on notebook and cells, its own kernelspec, ids it rewrote."""
EXPECT = "all"


def make(nb):
    nb.metadata["vscode"] = {"interpreter": {"hash": "0f1e2d"}}
    nb.metadata["kernelspec"] = {"name": ".venv", "display_name": ".venv (Python 3.11.7)", "language": "python"}
    for k, cell in enumerate(nb.cells):
        cell.metadata["vscode"] = {"languageId": "python" if cell.cell_type == "code" else "markdown"}
        if k % 3 == 0:
            cell["id"] = f"#VSC-{k:08x}"
    return nb

"""Round trip through Colab that lost nbgrader's metadata: nbformat 4.0 (no cell ids; Colab's
own ids in the cell metadata), Colab's notebook metadata. Read-only cells are matched by their
text, answers by position."""
EXPECT = "all"
NOTE = "by position"


def make(nb):
    nb.nbformat_minor = 0
    nb.metadata["colab"] = {"provenance": [], "name": NOTEBOOK, "collapsed_sections": []}
    nb.metadata["accelerator"] = "GPU"
    for k, cell in enumerate(nb.cells):
        cell.pop("id", None)
        cell.metadata = {"id": f"c{k:010d}"}
        if cell.cell_type == "code":
            cell.metadata.update(colab={"base_uri": "https://localhost:8080/", "height": 300}, outputId=f"o-{k}")
    return nb

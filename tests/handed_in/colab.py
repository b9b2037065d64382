"""Round trip through Google Colab: its notebook and cell metadata, widget state without "state",
cell ids moved into the metadata, nbformat 4.4."""
EXPECT = "all"


def make(nb):
    nb.metadata["colab"] = {"provenance": [], "collapsed_sections": []}
    nb.metadata["accelerator"] = "GPU"
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"0a1b": {"model_name": "LayoutModel"}}}
    for k, cell in enumerate(nb.cells):
        cell.metadata["id"] = f"colab{k:04d}"
        if cell.cell_type == "code":
            cell.metadata["colab"] = {"base_uri": "https://localhost:8080/"}
            cell.metadata["outputId"] = f"out-{k}"
    return nb

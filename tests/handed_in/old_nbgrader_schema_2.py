"""Fetched with nbgrader 0.6 (schema version 2 cell metadata, which also holds the cell type),
saved as nbformat 4.4."""
EXPECT = "all"
NOTE = "older nbgrader"


def make(nb):
    nb.nbformat_minor = 4
    for cell in nb.cells:
        cell.pop("id", None)
        meta = cell.metadata.get("nbgrader")
        if meta:
            meta["schema_version"] = 2
            meta["cell_type"] = cell.cell_type
    return nb

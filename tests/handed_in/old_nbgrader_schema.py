"""Fetched with an older nbgrader (schema version 1 cell metadata: no `locked`, no `schema_version`)."""
EXPECT = "all"
NOTE = "older nbgrader"


def make(nb):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta:
            cell.metadata["nbgrader"] = {k: meta[k] for k in ("grade", "solution", "grade_id", "points") if k in meta}
            cell.metadata["nbgrader"]["schema_version"] = 1
            cell.metadata["nbgrader"]["locked"] = meta.get("locked", False)
    return nb

"""Metadata stripped and every cell id replaced (copied cell by cell into a new notebook):
matched by content (read-only cells) and position (answers)."""
EXPECT = "all"
NOTE = "by content"


def make(nb):
    for k, cell in enumerate(nb.cells):
        cell.metadata = {}
        cell["id"] = f"fresh-{k}"
    return nb

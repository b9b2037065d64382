"""The read-only test_sigmoid cell copied and pasted right below itself (same nbgrader metadata,
a new cell id): nbgrader's DeduplicateIds would leave `nbgrader: {}` and crash on it."""
import copy

EXPECT = "all"
NOTE = "test_sigmoid appeared 2 times"


def make(nb):
    i = next(k for k, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "test_sigmoid")
    twin = copy.deepcopy(nb.cells[i])
    twin["id"] = "pasted-copy"
    nb.cells.insert(i + 1, twin)
    return nb

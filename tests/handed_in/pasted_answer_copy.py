"""The sigmoid answer cell duplicated (Ctrl+C, Ctrl+V) with an older draft in the first copy."""
import copy

EXPECT = "all"
NOTE = "sigmoid appeared 2 times"


def make(nb):
    i = next(k for k, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    draft = copy.deepcopy(nb.cells[i])
    draft["id"] = "draft"
    draft.source = "def sigmoid(z):\n    return 0.5  # first try"
    nb.cells.insert(i, draft)
    return nb

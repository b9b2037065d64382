"""Renames test_mean_loss and empties it (an unknown id); square right, mean_loss wrong."""
EXPECT = 1


def mutate(nb):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") == "test_mean_loss":
            meta["grade_id"], cell.source = "my_own_test", "pass"
        elif meta.get("grade_id") in ("square", "mean_loss"):
            cell.source = SQUARE_OK if meta["grade_id"] == "square" else LOSS_WRONG
    return nb

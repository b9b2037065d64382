"""Empties the test cells, unlocks them, marks them ungraded and worth 100 points; wrong answers."""
EXPECT = 0


def mutate(nb):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            cell.source = "pass"
            meta.update(points=100, locked=False, grade=False, solution=True)
        elif meta.get("grade_id") in ("square", "mean_loss"):
            cell.source = SQUARE_WRONG if meta["grade_id"] == "square" else LOSS_WRONG
    return nb

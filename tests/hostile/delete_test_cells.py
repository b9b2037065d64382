"""Deletes both test cells (nbgrader puts them back and grades them); mean_loss is wrong."""
EXPECT = 1


def mutate(nb):
    nb.cells = [c for c in nb.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell.source = {"square": SQUARE_OK, "mean_loss": LOSS_WRONG}.get(gid, cell.source)
    return nb

"""Hand-edited metadata: `"nbgrader": "yes"` on one cell, `{}` on another, a string for points."""
EXPECT = "all"


def make(nb):
    cells = cells_by_id(nb)
    cells["intro-title"].metadata["nbgrader"] = "yes"
    cells["intro-setup"].metadata["nbgrader"] = {}
    cells["test_xtanh_1"].metadata["nbgrader"]["points"] = "1"
    return nb

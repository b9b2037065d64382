"""The xtanh exercise (answer and tests) moved above the sigmoid exercise; the written answer to the top."""
EXPECT = "all"


def make(nb):
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    block = [nb.cells[ids.index(g)] for g in ("xtanh", "test_xtanh_1", "test_xtanh_2")]
    answer = nb.cells[ids.index("relu_simplification")]
    rest = [c for c in nb.cells if c not in block and c is not answer]
    at = next(k for k, c in enumerate(rest) if c.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    nb.cells = [answer] + rest[:at] + block + rest[at:]
    return nb

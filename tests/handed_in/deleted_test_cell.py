"""The test cell test_relative_error deleted: put back after its answer and graded."""
EXPECT = "all"
NOTE = "test_relative_error was missing"


def make(nb):
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_relative_error"]
    return nb

"""A cell of the student's writes `my_values.csv` next to the notebook: it reaches autograded/."""
import nbformat

EXPECT = "all"


def make(nb):
    at = next(k for k, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "test_sigmoid")
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(
        "with open('my_values.csv', 'w') as f:\n    f.write('z,sigmoid\\n0,0.5\\n')"))
    return nb

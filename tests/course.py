"""The course as the tests see it: the manifest, the notebooks and their graded cells."""
import pathlib
import tomllib

import nbformat

from autograder.cells import nbgrader_meta  # noqa: F401 - tests import it from here

ROOT = pathlib.Path(__file__).resolve().parents[1]
MANIFEST = tomllib.loads((ROOT / "course" / "course.toml").read_text())
ASSIGNMENTS = [a["id"] for a in MANIFEST["assignments"]]
BY_ID = {a["id"]: a for a in MANIFEST["assignments"]}


def source_path(assignment):
    return ROOT / "source" / assignment / BY_ID[assignment]["notebook"]


def release_path(assignment):
    return ROOT / "release" / assignment / BY_ID[assignment]["notebook"]


def built_assignments():
    """Assignments whose source notebook exists (all five once the course is complete)."""
    return [a for a in ASSIGNMENTS if source_path(a).exists()]


def read(path):
    return nbformat.read(str(path), as_version=4)




def grading_cells_of(nb, exercise_id):
    """The test cells of one exercise: ``test_<id>`` and ``test_<id>_<k>``, in notebook order."""
    cells = []
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id", "")
        if nbgrader_meta(cell).get("grade") and cell.cell_type == "code" and (
                gid == f"test_{exercise_id}" or (gid.startswith(f"test_{exercise_id}_") and gid[len(exercise_id) + 6:].isdigit())):
            cells.append(cell)
    return cells

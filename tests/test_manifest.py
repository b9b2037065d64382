"""course/course.toml agrees with the source notebooks: ids, test cells, points, written answers."""
import pytest

from course import ASSIGNMENTS, BY_ID, MANIFEST, ROOT, nbgrader_meta, read, source_path

SPEC_ORDER = ["01-gradient-descent", "02-chain-rule", "03-two-layer-backprop",
              "04-vanishing-gradients", "05-ising-classification"]


def test_assignments_in_course_order():
    assert ASSIGNMENTS == SPEC_ORDER
    assert MANIFEST["course"]["id"] == "backprop-from-scratch"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_manifest_matches_notebook(assignment):
    entry = BY_ID[assignment]
    path = source_path(assignment)
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    assert entry["title"] and entry["goals"] and entry["minutes"] > 0, f"{assignment}: title, goals, minutes"
    nb = read(path)
    solutions, tests, written = [], {}, {}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        gid = meta.get("grade_id")
        if cell.cell_type == "code" and meta.get("solution"):
            solutions.append(gid)
        elif cell.cell_type == "code" and meta.get("grade"):
            tests[gid] = meta["points"]
        elif cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution"):
            written[gid] = meta["points"]
    exercises = entry["exercises"]
    assert [e["id"] for e in exercises] == solutions, "exercises (in notebook order) differ from solution cells"
    declared = {t: p for e in exercises for t, p in e["tests"].items()}
    assert declared == tests, "test cells or their points differ from the manifest"
    for e in exercises:
        assert all(t == f"test_{e['id']}" or t.startswith(f"test_{e['id']}_") for t in e["tests"]), e["id"]
        assert all(p > 0 for p in e["tests"].values()), e["id"]
    assert {w["id"]: w["points"] for w in entry["written"]} == written


def test_source_notebooks_have_no_outputs():
    for assignment in ASSIGNMENTS:
        path = source_path(assignment)
        if not path.exists():
            continue
        for cell in read(path).cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{assignment}: strip outputs"

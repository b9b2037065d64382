"""What students really hand in (tests/handed_in/), graded on the real 02-chain-rule in one run:
honest work keeps every autograded point whatever the editor, the copy-paste or the file name;
the written answer waits for hand grading; every student appears; every lost point has a reason;
a regrade of one student keeps everyone else."""
import csv
import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook
from system_tools import require_tool

import grading_course as gc
from course import source_path

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not source_path(gc.HANDED_IN_ASSIGNMENT).exists(), reason="02 not written yet")]

CASES = gc.handed_in_cases()


@pytest.fixture(scope="module")
def graded():
    require_tool(shutil.which("bwrap"), "bubblewrap")
    return gc.handed_in_course()


def points(root):
    """(autograded points, written points) of the notebook, from the gradebook."""
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        nb = gb.find_notebook("chain_rule", gc.HANDED_IN_ASSIGNMENT)
        written = sum(c.max_score for c in nb.grade_cells if c.cell_type == "markdown")
        return sum(c.max_score for c in nb.grade_cells) - written, written


def grades(root):
    """{student: (auto score, points pending hand grading)}."""
    out = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(gc.HANDED_IN_ASSIGNMENT):
            auto = pending = 0.0
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.needs_manual_grade and g.manual_score is None:
                        pending += g.max_score
                    else:
                        auto += g.score
            out[sub.student.id] = (auto, pending)
    return out


def test_the_command_succeeds(graded):
    result = graded["result"]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"{len(CASES)} of {len(CASES)} submissions graded" in result.stdout


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_each_submission_gets_exactly_its_points(graded, case):
    auto, written = points(graded["root"])
    got = grades(graded["root"])
    assert case["name"] in got, f"{case['name']} is not in the gradebook at all"
    expect = auto if case["expect"] == "all" else case["expect"]
    pending = written if case["pending"] == "written" else case["pending"]
    assert got[case["name"]] == (expect, pending), f"{case['name']}: {case['doc']}\n{graded['result'].stdout[-4000:]}"


@pytest.mark.parametrize("case", [c for c in CASES if c["note"] or c["reason"]],
                         ids=[c["name"] for c in CASES if c["note"] or c["reason"]])
def test_the_summary_says_what_happened(graded, case):
    out = graded["result"].stdout
    lines = [line for line in out.splitlines() if line.startswith(f"  {case['name']} / ")]
    if case["note"]:
        notes = out.split("Notes (")[-1]
        assert any(case["note"] in line for line in lines if line in notes), f"{case['name']}: {case['note']!r}\n{out}"
    if case["reason"]:
        assert any(case["reason"] in line for line in lines), f"{case['name']}: {case['reason']!r}\n{out}"


def test_every_student_is_in_grades_csv_with_pending_answers(graded):
    rows = {r["student"]: r for r in csv.DictReader(open(graded["root"] / "grades.csv"))}
    assert set(rows) == {c["name"] for c in CASES}
    assert rows["honest"]["relu_simplification"] == "pending" and rows["honest"]["pending"] == "2"
    assert "nothing to grade" in rows["nothing_to_grade"]["problems"]
    assert "pending" in graded["result"].stdout.split("\n")[2] or "pending" in graded["result"].stdout


def test_the_retyped_answer_is_kept_beside_the_restored_cell(graded):
    path = graded["root"] / "autograded" / "written_answer_retyped" / gc.HANDED_IN_ASSIGNMENT / gc.HANDED_IN_NOTEBOOK
    nb = nbformat.read(str(path), as_version=4)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    at = ids.index("relu_simplification")
    assert ids[at - 1] == "intro-relu"
    retyped = CASES[[c["name"] for c in CASES].index("written_answer_retyped")]["ns"]["RETYPED"]
    assert nb.cells[at + 1].source == retyped


def test_files_the_notebook_writes_reach_autograded(graded):
    written = graded["root"] / "autograded" / "writes_a_file" / gc.HANDED_IN_ASSIGNMENT / "my_values.csv"
    assert written.read_text().startswith("z,sigmoid")
    own = graded["root"] / "autograded" / "own_helper_module" / gc.HANDED_IN_ASSIGNMENT / "my_helpers.py"
    assert own.exists()


def test_every_graded_submission_gets_feedback(graded):
    pages = {p.parent.parent.name for p in (graded["root"] / "feedback").glob(f"*/{gc.HANDED_IN_ASSIGNMENT}/*.html")}
    assert pages >= {c["name"] for c in CASES if c["name"] != "nothing_to_grade"}


def test_a_regrade_of_one_student_keeps_everyone_else(graded):
    root = graded["root"]
    before = {r["student"]: r for r in csv.DictReader(open(root / "grades.csv"))}
    again = gc.grade_handed_in(root, "--student", "downloaded_twice", "--no-feedback")
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    after = {r["student"]: r for r in csv.DictReader(open(root / "grades.csv"))}
    assert set(after) == set(before)
    assert {k: (r["score"], r["problems"]) for k, r in after.items()} == \
        {k: (r["score"], r["problems"]) for k, r in before.items()}
    assert "1 of 1 submissions graded" in again.stdout

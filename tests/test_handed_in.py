"""What students really hand in (tests/handed_in/), graded on the real 02-chain-rule in one run:
honest work keeps every autograded point whatever the editor, the copy-paste or the file name;
the written answer waits for hand grading (and its feedback says so); every student appears;
every lost point has a reason, whole; feedback shows nothing printed while hidden tests ran;
`nbgrader export` and then a regrade of one student keep everyone else's columns."""
import csv
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook
from system_tools import require_tool

import grading_course as gc
from autograder.feedback import AFTER_HIDDEN, HIDDEN_OUTPUT, RESTORED_FOR_STUDENT
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


SAID = [c for c in CASES if c["note"] or c["reason"] or c["no_note"] or c["flag"] is not None]


@pytest.mark.parametrize("case", SAID, ids=[c["name"] for c in SAID])
def test_the_summary_says_what_happened(graded, case):
    out = graded["result"].stdout
    lines = [line for line in out.splitlines() if line.startswith(f"  {case['name']} / ")]
    notes = out.split("Notes (")[-1].split("\n\n")[0] if "Notes (" in out else ""
    if case["note"]:
        assert any(case["note"] in line for line in lines if line in notes), f"{case['name']}: {case['note']!r}\n{out}"
    if case["no_note"]:
        assert not any(case["no_note"] in line for line in lines if line in notes), f"{case['name']}: {case['no_note']!r}\n{out}"
    if case["reason"]:
        assert any(case["reason"] in line for line in lines), f"{case['name']}: {case['reason']!r}\n{out}"
    if case["flag"] is not None:
        flags = out.split("Possible tampering")[-1].split("\n\n")[0] if "Possible tampering" in out else ""
        flagged = [line for line in lines if line in flags]
        if case["flag"] is False:
            assert not flagged, f"{case['name']} is flagged: {flagged}"
        else:
            assert any(case["flag"] in line for line in flagged), f"{case['name']}: {case['flag']!r}\n{out}"


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
    assert pages >= {c["name"] for c in CASES if c["name"] != "nothing_to_grade" and c["feedback"]}


UNREADABLE = [c for c in CASES if "could not be read" in (c["reason"] or "") or "'s notebook (" in (c["reason"] or "")]


@pytest.mark.parametrize("case", UNREADABLE, ids=[c["name"] for c in UNREADABLE])
def test_a_notebook_that_cannot_be_graded_says_why_in_its_feedback(graded, case):
    """The student reads why in words at the top of the page and under each cell, not "NotExecuted" alone."""
    import html
    page = html.unescape(_feedback(graded, case["name"]))
    assert "This submission was not graded" in page and case["reason"] in page
    assert page.count("not graded: " + case["reason"]) >= 10


def test_a_student_name_with_a_typo_is_named_and_fails(graded):
    result = gc.grade_handed_in(graded["root"], "--student", "honets", "--no-feedback")
    assert result.returncode == 2, result.stdout[-2000:]
    assert "'honets' (did you mean 'honest'?)" in result.stderr and "nothing to grade" not in result.stdout


def _feedback(graded, student):
    return (graded["root"] / "feedback" / student / gc.HANDED_IN_ASSIGNMENT / "chain_rule.html").read_text()


def _autograded(graded, student):
    return (graded["root"] / "autograded" / student / gc.HANDED_IN_ASSIGNMENT / gc.HANDED_IN_NOTEBOOK).read_text()


def _case(name):
    return next(c for c in CASES if c["name"] == name)


def test_feedback_shows_nothing_printed_while_the_hidden_tests_ran(graded):
    ns = _case("debug_prints")["ns"]
    page = _feedback(graded, "debug_prints")
    ran = _autograded(graded, "debug_prints")  # the instructor's copy keeps everything
    assert ns["VISIBLE_PRINT"] in page and HIDDEN_OUTPUT.strip() in page
    for n in ns["HIDDEN_SIZES"]:
        assert f"DEBUG n={n}:" in ran and f"DEBUG n={n}:" not in page, n
    assert "DEBUG dZ= [[1.0, 0.0, -1.0, 2.0]" in page  # linear_backward's visible call
    assert page.count("DEBUG dZ=") == ran.count("DEBUG dZ=") - _hidden_linear_calls(ran)


def test_feedback_shows_nothing_a_later_cell_printed_of_what_functions_kept(graded):
    """Cells after the hidden tests print what the student's functions kept of them (the hidden
    inputs): the instructor's copy has it, the feedback does not."""
    page, ran = _feedback(graded, "keeps_hidden_inputs"), _autograded(graded, "keeps_hidden_inputs")
    stashed = _case("keeps_hidden_inputs")["ns"]["STASHED"]
    assert ran.count(stashed) > 10 and stashed not in page
    assert AFTER_HIDDEN.split(":")[0] in page


def _hidden_linear_calls(text):
    """How many DEBUG dZ lines the autograded notebook has after the hidden-tests marker of
    test_linear_backward (they must all be gone from the feedback)."""
    import nbformat

    from autograder import hidden_phase
    nb = nbformat.reads(text, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_linear_backward")
    _, after = hidden_phase.at_marker(cell.outputs)
    assert after is not None, "the test cell ran without the marker"
    return sum(o.get("text", "").count("DEBUG dZ=") for o in after)


def test_a_failed_visible_check_reads_whole_and_alone(graded):
    rows = {r["student"]: r for r in csv.DictReader(open(graded["root"] / "grades.csv"))}
    assert rows["sign_error_tanh"]["problems"] == _case("sign_error_tanh")["reason"]
    assert rows["sign_error_tanh"]["likely_mistakes"] == "activation_derivatives: sign flipped"
    page = _feedback(graded, "sign_error_tanh")
    assert "got:      [-0.41997434, -1.0, -0.78644773]" in page
    assert "HiddenTestFailed" not in page


def test_a_written_answer_waiting_for_hand_grading_reads_pending(graded):
    page = _feedback(graded, "honest")
    assert re.search(r"Score: pending \(hand grading\) / 2\.0", page)
    assert "Score: 0.0 / 2.0" not in page
    assert "Score: 25.0 + 2.0 pending (hand grading) / 27.0" in page
    summary = [line for line in graded["result"].stdout.splitlines() if line.startswith("honest ")]
    assert summary and "25/27 (2 pending)" in summary[0] and "ok;pending" in summary[0]


def test_the_student_reads_a_neutral_sentence_in_a_cell_put_back(graded):
    page = _feedback(graded, "written_answer_retyped")
    assert RESTORED_FOR_STUDENT.split(";")[0] in page
    assert "retyped elsewhere" not in page and "id:relu_simplification" not in page
    assert "retyped elsewhere" in _autograded(graded, "written_answer_retyped")


def test_nbgrader_export_then_a_regrade_of_one_student_keeps_everyone_else(graded):
    root = graded["root"]
    before = {r["student"]: r for r in csv.DictReader(open(root / "grades.csv"))}
    assert before["merged_answer_cells"]["notes"] and before["sign_error_tanh"]["likely_mistakes"]
    # The README's step 8 and what an instructor may do anyway: nbgrader writes its grades.csv over ours.
    export = subprocess.run([sys.executable, "-m", "nbgrader", "export", "--log-level=ERROR"], cwd=root, env=gc.env(),
                            capture_output=True, text=True)
    assert export.returncode == 0, export.stderr[-2000:]
    assert "problems" not in (root / "grades.csv").read_text().splitlines()[0]
    again = gc.grade_handed_in(root, "--student", "downloaded_twice", "--no-feedback")
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    after = {r["student"]: r for r in csv.DictReader(open(root / "grades.csv"))}
    assert set(after) == set(before)
    others = set(before) - {"downloaded_twice"}
    assert {k: after[k] for k in others} == {k: before[k] for k in others}
    assert after["downloaded_twice"]["score"] == before["downloaded_twice"]["score"]
    assert "1 of 1 submissions graded" in again.stdout
    # python -m autograder report writes the same grades.csv from the gradebook and grades.json alone.
    (root / "grades.csv").unlink()
    report = subprocess.run([sys.executable, "-m", "autograder", "report"], cwd=root, env=gc.env(),
                            capture_output=True, text=True)
    assert report.returncode == 0, report.stderr[-2000:]
    assert {r["student"]: r for r in csv.DictReader(open(root / "grades.csv"))} == after
    assert f"{len(CASES)} of {len(CASES)} submissions graded" in report.stdout

"""Likely mistakes end to end: `python -m autograder grade` and plain `nbgrader generate_feedback`.

A throwaway copy of the course with three submissions of 03: the solution, one whose bias
gradients lose their column shape (a visible check fails and names it in the student's kernel),
and one whose `update` works in place and whose `bce_loss` averages over every entry (hidden tests
fail; the grader names both from the records); and a student who handed in every release
notebook untouched (nothing to diagnose). One grading run for all of them.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from autograder.feedback import split_hidden
from autograder import catalogue
from course import ROOT, built_assignments, release_path, source_path
from system_tools import require_tool

ASSIGNMENT = "03-two-layer-backprop"
NOTEBOOK = "two_layer_backprop"
UNSEEN = ROOT / "tests" / "unseen_wrong" / ASSIGNMENT
SUBMISSIONS = {
    "right": {},
    "keepdims": {"backward": UNSEEN / "backward" / "sum_without_keepdims.py"},
    "inplace": {"update": UNSEEN / "update" / "minus_equals.py", "bce_loss": UNSEEN / "bce_loss" / "np_mean.py"},
}


def _env():
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("NBGRADER_DB_URL", None)
    return env


def _run(args, cwd):
    result = subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, f"{args}: {result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A copy of the whole course graded in one run: three submissions of 03 (see above), and one
    student who handed in every release notebook untouched."""
    require_tool(shutil.which("bwrap"), "bubblewrap")
    root = tmp_path_factory.mktemp("diagnose") / "course"
    shutil.copytree(ROOT / "course", root / "course")
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for assignment in built_assignments():
        shutil.copytree(ROOT / "source" / assignment, root / "source" / assignment)
        _run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), "generate_assignment", assignment, "--force"],
             root)
        folder = root / "submitted" / "blank" / assignment
        folder.mkdir(parents=True)
        shutil.copy(release_path(assignment), folder / release_path(assignment).name)
    for student, replace in SUBMISSIONS.items():
        nb = nbformat.read(str(source_path(ASSIGNMENT)), as_version=4)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in replace:
                cell.source = replace[gid].read_text()
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{NOTEBOOK}.ipynb"))
    _run([sys.executable, "-m", "autograder", "grade", *built_assignments(), "--jobs", "2"], root)
    return root


def _feedback(root, student):
    return (root / "feedback" / student / ASSIGNMENT / f"{NOTEBOOK}.html").read_text()


def _lines(html):
    return re.findall(r"Likely mistake: [^<\n]*", html)


def _hidden_lines():
    nb = nbformat.read(str(source_path(ASSIGNMENT)), as_version=4)
    return [h.strip() for c in nb.cells if c.cell_type == "code" for h in split_hidden(c.source)[2] if len(h.strip()) >= 8]


@pytest.mark.slow
def test_grading_names_the_mistakes_in_feedback_and_grades_csv(graded):
    assert _lines(_feedback(graded, "right")) == []
    keepdims = " ".join(_lines(_feedback(graded, "keepdims")))
    assert "right numbers, wrong shape" in keepdims
    inplace = " ".join(_lines(_feedback(graded, "inplace")))
    assert "arguments modified in place" in inplace and "divided once too often" in inplace
    rows = {r["student"]: r for r in csv.DictReader(open(graded / "grades.csv"))}
    assert rows["right"]["likely_mistakes"] == ""
    assert "backward: right numbers, wrong shape" in rows["keepdims"]["likely_mistakes"]
    assert "update: arguments modified in place" in rows["inplace"]["likely_mistakes"]
    assert "bce_loss: divided once too often" in rows["inplace"]["likely_mistakes"]


@pytest.mark.slow
def test_no_feedback_quotes_a_hidden_line(graded):
    # A line that the catalogue or the release also says (a formula like A1 = g(Z1)) is public.
    public = json.dumps(json.loads(release_path(ASSIGNMENT).read_text())) + " ".join(
        f"{e['name']} {e['explain']}" for e in catalogue.entries().values())
    hidden = [h for h in _hidden_lines() if h not in public and json.dumps(h)[1:-1] not in public]
    for student in SUBMISSIONS:
        html = _feedback(graded, student)
        assert not [h for h in hidden if h in html], student


@pytest.mark.slow
def test_plain_nbgrader_generate_feedback_names_them_too(graded):
    for student in SUBMISSIONS:
        shutil.rmtree(graded / "feedback" / student)
    _run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), "generate_feedback", ASSIGNMENT, "--force"], graded)
    assert _lines(_feedback(graded, "right")) == []
    assert "divided once too often" in " ".join(_lines(_feedback(graded, "inplace")))
    assert "right numbers, wrong shape" in " ".join(_lines(_feedback(graded, "keepdims")))


@pytest.mark.slow
def test_an_untouched_release_gets_no_likely_mistake(graded):
    """Every exercise of a blank notebook raises NotImplementedError: nothing to diagnose, anywhere."""
    blank = graded
    pages = sorted((blank / "feedback" / "blank").glob("*/*.html"))
    assert len(pages) == len(built_assignments()), pages
    for page in pages:
        html = page.read_text()
        assert "not solved yet" in html or "NotImplementedError" in html, f"{page}: the blank notebook was not graded"
        assert _lines(html) == [], f"{page.parent.name}: {_lines(html)}"
    rows = [r for r in csv.DictReader(open(blank / "grades.csv")) if r["student"] == "blank"]
    assert {r["assignment"] for r in rows} >= set(built_assignments()), rows
    assert [(r["assignment"], r["likely_mistakes"]) for r in rows if r["likely_mistakes"]] == []


@pytest.mark.slow
def test_our_grader_gives_the_solution_full_marks_and_every_release_zero(graded):
    """Through the sandbox and the judge: the untouched release of every assignment scores 0, the
    solution of 03 every autograded point (written answers wait for hand grading)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gb:
        blank = {a: gb.find_submission(a, "blank").score for a in built_assignments()}
        right = gb.find_submission(ASSIGNMENT, "right")
        written = sum(g.max_score for nb in right.notebooks for g in nb.grades if g.cell.cell_type == "markdown")
        right_score, right_max = right.score, right.max_score
    assert blank == {a: 0 for a in built_assignments()}
    assert written > 0 and right_score == right_max - written

"""Everything plain nbgrader grades, ours grades the same: tiny courses made of nbgrader's own
autograde fixtures (the files its ``test_nbgrader_autograde.py`` uses, shipped with the package),
graded by ``nbgrader autograde`` and by ``python -m autograder grade``. Auto scores and the
manual-grading flags must agree, except that a cheat may get fewer points from ours."""
import csv
import pathlib
import shutil
import subprocess
import sys

import nbgrader
import pytest
from nbgrader.api import Gradebook
from system_tools import require_tool

import grading_course as gc

pytestmark = pytest.mark.slow

FILES = pathlib.Path(nbgrader.__file__).parent / "tests" / "apps" / "files"
# assignment -> (source files {name: fixture}, submissions {student: {name: fixture}})
COURSE = {
    "ps1": ({"p1.ipynb": "submitted-unchanged.ipynb", "data.txt": "data.txt", "jupyter.png": "jupyter.png"},
            {"foo": {"p1.ipynb": "submitted-unchanged.ipynb"}, "bar": {"p1.ipynb": "submitted-changed.ipynb"},
             "spam": {"p1.ipynb": "submitted-cheat-attempt.ipynb"},
             "eggs": {"p1.ipynb": "submitted-cheat-attempt-alternative.ipynb"}}),
    # Two notebooks sharing every grade id.
    "ps2": ({"p1.ipynb": "submitted-unchanged.ipynb", "p2.ipynb": "submitted-unchanged.ipynb"},
            {"foo": {"p1.ipynb": "submitted-changed.ipynb", "p2.ipynb": "submitted-unchanged.ipynb"}}),
    # No graded cell at all (0 points); it writes a file.
    "ps3": ({"p1.ipynb": "side-effects.ipynb"}, {"foo": {"p1.ipynb": "side-effects.ipynb"}}),
    # Reads a data file given with the assignment.
    "ps4": ({"p1.ipynb": "open_relative_file.ipynb", "data.txt": "data.txt"},
            {"foo": {"p1.ipynb": "open_relative_file.ipynb"}}),
}
CHEATS = {("ps1", "spam"), ("ps1", "eggs")}


def _build(root):
    (root / "source").mkdir(parents=True)
    shutil.copy(gc.ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for assignment, (source, submitted) in COURSE.items():
        for name, fixture in source.items():
            (root / "source" / assignment).mkdir(parents=True, exist_ok=True)
            shutil.copy(FILES / fixture, root / "source" / assignment / name)
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", assignment, "--force",
                        "--log-level=ERROR"], cwd=root, env=gc.env(), check=True, capture_output=True)
        for student, files in submitted.items():
            folder = root / "submitted" / student / assignment
            folder.mkdir(parents=True)
            for name, fixture in files.items():
                shutil.copy(FILES / fixture, folder / name)


def _grades(root):
    """{(assignment, student, notebook, grade id): (auto score, needs manual grade)}."""
    out = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for assignment in COURSE:
            for sub in gb.assignment_submissions(assignment):
                for nb in sub.notebooks:
                    for g in nb.grades:
                        out[assignment, sub.student.id, nb.name, g.name] = (g.auto_score, bool(g.needs_manual_grade))
    return out


@pytest.fixture(scope="module")
def courses(tmp_path_factory):
    require_tool(shutil.which("bwrap"), "bubblewrap")
    ours, plain = tmp_path_factory.mktemp("ours") / "course", tmp_path_factory.mktemp("plain") / "course"
    _build(ours)
    shutil.copytree(ours, plain)
    for assignment in COURSE:
        subprocess.run([sys.executable, "-m", "nbgrader", "autograde", assignment, "--force", "--log-level=ERROR"],
                       cwd=plain, env=gc.env(), check=True, capture_output=True, timeout=600)
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", "--jobs", "2", "--cell-timeout", "30",
                             "--time-limit", "120", "--quiet"], cwd=ours, env=gc.env(), capture_output=True,
                            text=True, timeout=900)
    return {"ours": ours, "plain": plain, "result": result}


def test_our_command_grades_everything(courses):
    result = courses["result"]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    total = sum(len(s) for _, s in COURSE.values())
    assert f"{total} of {total} submissions graded" in result.stdout


def test_the_same_grades_as_plain_nbgrader(courses):
    ours, plain = _grades(courses["ours"]), _grades(courses["plain"])
    assert set(ours) == set(plain)
    for key, (score, manual) in plain.items():
        if key[:2] in CHEATS:
            got = ours[key]
            assert (got[0] or 0) <= (score or 0) and got[1] == manual, key
        else:
            assert ours[key] == (score, manual), key


def test_the_showtraceback_cheat_earns_nothing(courses):
    ours = _grades(courses["ours"])
    assert ours["ps1", "spam", "p1", "bar"][0] == 0
    assert ours["ps1", "eggs", "p1", "bar"][0] == 0


def test_answered_hand_graded_code_cells_wait_for_the_instructor(courses):
    ours = _grades(courses["ours"])
    assert ours["ps1", "bar", "p1", "quux"] == (None, True)
    rows = {(r["assignment"], r["student"]): r for r in csv.DictReader(open(courses["ours"] / "grades.csv"))}
    assert rows["ps1", "bar"]["quux"] == "pending"


def test_notebooks_sharing_grade_ids_are_reported_as_graded(courses):
    rows = {(r["assignment"], r["student"]): r for r in csv.DictReader(open(courses["ours"] / "grades.csv"))}
    with Gradebook(f"sqlite:///{courses['ours'] / 'gradebook.db'}") as gb:
        sub = gb.find_submission("ps2", "foo")
        auto = sum(g.score for nb in sub.notebooks for g in nb.grades
                   if not (g.needs_manual_grade and g.manual_score is None))
        assert float(rows["ps2", "foo"]["score"]) == auto == 3  # p1 answered: 2 of 7, p2 as released: 1 of 7
        assert float(rows["ps2", "foo"]["max_score"]) == sub.max_score == 14


def test_files_written_by_the_notebook_reach_autograded(courses):
    assert (courses["ours"] / "autograded" / "foo" / "ps3" / "side-effect.txt").read_text() == "a side effect"


def test_grades_csv_keeps_every_assignment_across_runs(courses):
    again = subprocess.run([sys.executable, "-m", "autograder", "grade", "ps4", "--quiet", "--no-feedback"],
                           cwd=courses["ours"], env=gc.env(), capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    rows = list(csv.DictReader(open(courses["ours"] / "grades.csv")))
    assert {r["assignment"] for r in rows} == set(COURSE)


def test_a_solution_that_times_out_is_named_and_cached_alike(tmp_path):
    """The solution of nbgrader's timeout fixture sleeps 5 s; with --cell-timeout 2 it times out
    every time, whether or not an earlier run with a longer timeout cached its records."""
    require_tool(shutil.which("bwrap"), "bubblewrap")
    root = tmp_path / "course"
    (root / "source" / "ps1").mkdir(parents=True)
    shutil.copy(gc.ROOT / "nbgrader_config.py", root)
    shutil.copy(FILES / "timeout.ipynb", root / "source" / "ps1" / "p1.ipynb")
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "ps1", "--force", "--log-level=ERROR"],
                   cwd=root, env=gc.env(), check=True, capture_output=True)
    (root / "submitted" / "foo" / "ps1").mkdir(parents=True)
    shutil.copy(FILES / "timeout.ipynb", root / "submitted" / "foo" / "ps1" / "p1.ipynb")

    def run(*extra):
        r = subprocess.run([sys.executable, "-m", "autograder", "grade", "ps1", "--quiet", "--no-feedback", *extra],
                           cwd=root, env=gc.env(), capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
            return r.stdout, gb.find_submission("ps1", "foo").score

    out_long, score_long = run("--cell-timeout", "30")
    out_short, score_short = run("--cell-timeout", "2")
    out_again, score_again = run("--cell-timeout", "2")
    assert score_long == 1 and score_short == score_again == 0
    assert "--cell-timeout" in out_short and "2 s" in out_short
    assert out_short.split("What went wrong")[-1] == out_again.split("What went wrong")[-1]

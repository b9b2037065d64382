"""A throwaway nbgrader course with the fixture assignment and the hostile corpus, graded once.

Shared by tests/test_grading.py and tests/test_feedback.py (the grading takes a minute or two, so
it runs once per test session whichever file asks first).
"""
import atexit
import copy
import functools
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "course"
HOSTILE = ROOT / "tests" / "hostile"
ASSIGNMENT = "fixture"

SQUARE_OK = 'def square(x):\n    """Elementwise square."""\n    return np.asarray(x, dtype=float) ** 2'
SQUARE_WRONG = "def square(x):\n    return np.asarray(x, dtype=float) * 2"
LOSS_OK = "def mean_loss(y, p):\n    return float(np.mean((np.asarray(y) - np.asarray(p)) ** 2))"
LOSS_WRONG = "def mean_loss(y, p):\n    return float(np.sum((np.asarray(y) - np.asarray(p)) ** 2)) / 2"
# Options that keep the corpus quick: honest work needs 20 s in one cell, loops are cut at 25 s.
GRADE_OPTIONS = ["--jobs", "2", "--cell-timeout", "25", "--time-limit", "45", "--quiet"]


def env():
    e = dict(os.environ)
    e["PATH"] = f"{pathlib.Path(sys.executable).parent}:{e.get('PATH', '')}"
    return e


def load_case(path, course_root):
    ns = {"SQUARE_OK": SQUARE_OK, "SQUARE_WRONG": SQUARE_WRONG, "LOSS_OK": LOSS_OK, "LOSS_WRONG": LOSS_WRONG,
          "COURSE_ROOT": str(course_root)}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    return {"name": path.stem, "doc": ns.get("__doc__", ""), "expect": ns["EXPECT"], "flag": ns.get("FLAG", False),
            "cells": ns.get("CELLS"), "mutate": ns.get("mutate")}


def cases(course_root="/nonexistent"):
    return [load_case(p, course_root) for p in sorted(HOSTILE.glob("*.py"))]


def submit(course_root, case, release):
    folder = course_root / "submitted" / case["name"] / ASSIGNMENT
    folder.mkdir(parents=True)
    nb = copy.deepcopy(release)
    if case["mutate"] is not None:
        nb = case["mutate"](nb)
    else:
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in case["cells"]:
                cell.source = case["cells"][gid]
    target = folder / f"{ASSIGNMENT}.ipynb"
    if isinstance(nb, str):
        target.write_text(nb)
    else:
        nbformat.write(nb, str(target))


def make_course(parent):
    """A course root with the fixture assignment built by nbgrader (gradebook and release)."""
    course_root = pathlib.Path(parent) / "course"
    shutil.copytree(FIXTURE, course_root)
    shutil.copy(ROOT / "nbgrader_config.py", course_root / "nbgrader_config.py")
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT, "--force", "--log-level=ERROR"],
                   cwd=course_root, env=env(), check=True, capture_output=True)
    return course_root


def tree_digest(*paths):
    digest = hashlib.sha256()
    for top in paths:
        top = pathlib.Path(top)
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def grade(course_root, *extra):
    return subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, *GRADE_OPTIONS, *extra],
                          cwd=course_root, env=env(), capture_output=True, text=True, timeout=900)


@functools.lru_cache(maxsize=None)
def graded_course():
    """Build, submit every case, grade once. Returns a dict the tests read."""
    parent = tempfile.mkdtemp(prefix="grading-course-")
    atexit.register(shutil.rmtree, parent, True)
    course_root = make_course(parent)
    release = nbformat.read(str(course_root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)
    corpus = cases(course_root)
    for case in corpus:
        submit(course_root, case, release)
    # (The repository's helpers/ is edited by people while tests run: checked for the tamper mark instead.)
    protected = [course_root / "source", course_root / "release", course_root / "nbgrader_config.py",
                 course_root / "submitted"]
    before = tree_digest(*protected)
    result = grade(course_root)
    return {"root": course_root, "cases": corpus, "result": result, "protected": protected, "before": before}


# -- what students really hand in (tests/handed_in/), on the real 02-chain-rule -------------------
HANDED_IN = ROOT / "tests" / "handed_in"
HANDED_IN_ASSIGNMENT = "02-chain-rule"
HANDED_IN_NOTEBOOK = "chain_rule.ipynb"
OTHER_ASSIGNMENT = "01-gradient-descent"
WRITTEN_ANSWER = ("With the ReLU, g'(Z1) is a 0/1 mask: dZ1 = (W2.T @ dZ2) * (Z1 > 0), so the hidden "
                  "gradient passes unchanged through active units and is zero elsewhere.")
# The real notebook: honest work runs for a while; a loop would be cut at 60 s.
HANDED_IN_OPTIONS = ["--jobs", "2", "--cell-timeout", "60", "--time-limit", "300", "--quiet"]


def honest_notebook(course_root):
    """The release with every answer cell filled in from the solution (markers and all)."""
    release = nbformat.read(str(course_root / "release" / HANDED_IN_ASSIGNMENT / HANDED_IN_NOTEBOOK), as_version=4)
    source = nbformat.read(str(course_root / "source" / HANDED_IN_ASSIGNMENT / HANDED_IN_NOTEBOOK), as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in release.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            cell.source = WRITTEN_ANSWER if cell.cell_type == "markdown" else answers[meta["grade_id"]]
    return release


def load_handed_in(path, course_root):
    def write(nb, target):
        target = pathlib.Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(target))

    def cells_by_id(nb):
        return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
                if isinstance(c.metadata.get("nbgrader"), dict) and "grade_id" in c.metadata["nbgrader"]}

    def release():
        return nbformat.read(str(pathlib.Path(course_root) / "release" / HANDED_IN_ASSIGNMENT / HANDED_IN_NOTEBOOK),
                             as_version=4)

    def other_release(assignment):
        """Another assignment's released notebook, as the course ships it (release/)."""
        return nbformat.read(str(next((ROOT / "release" / assignment).glob("*.ipynb"))), as_version=4)

    ns = {"honest": lambda: honest_notebook(course_root), "release": release, "write": write, "cells_by_id": cells_by_id,
          "other_release": other_release, "ASSIGNMENT": HANDED_IN_ASSIGNMENT, "NOTEBOOK": HANDED_IN_NOTEBOOK,
          "nbformat": nbformat}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    make = ns.get("make")

    def hand_in(folder):
        if "hand_in" in ns:
            return ns["hand_in"](folder)
        nb = honest_notebook(course_root)
        write(make(nb) if make else nb, folder / HANDED_IN_ASSIGNMENT / HANDED_IN_NOTEBOOK)

    return {"name": path.stem, "doc": ns.get("__doc__", ""), "expect": ns["EXPECT"], "pending": ns.get("PENDING", "written"),
            "note": ns.get("NOTE"), "reason": ns.get("REASON"), "no_note": ns.get("NO_NOTE"), "flag": ns.get("FLAG"),
            "feedback": ns.get("FEEDBACK", True), "hand_in": hand_in, "ns": ns}


def handed_in_cases(course_root="/nonexistent"):
    return [load_handed_in(p, course_root) for p in sorted(HANDED_IN.glob("*.py"))]


def make_real_course(parent, assignment):
    """A course root with one real assignment of the course, built by nbgrader."""
    course_root = pathlib.Path(parent) / "course"
    (course_root / "source").mkdir(parents=True)
    shutil.copytree(ROOT / "source" / assignment, course_root / "source" / assignment)
    shutil.copy(ROOT / "nbgrader_config.py", course_root / "nbgrader_config.py")
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", assignment, "--force", "--log-level=ERROR"],
                   cwd=course_root, env=env(), check=True, capture_output=True)
    return course_root


def grade_handed_in(course_root, *extra):
    return subprocess.run([sys.executable, "-m", "autograder", "grade", HANDED_IN_ASSIGNMENT, *HANDED_IN_OPTIONS, *extra],
                          cwd=course_root, env=env(), capture_output=True, text=True, timeout=1500)


@functools.lru_cache(maxsize=None)
def handed_in_course():
    """02-chain-rule, every case of tests/handed_in/ handed in, graded once."""
    parent = tempfile.mkdtemp(prefix="handed-in-course-")
    atexit.register(shutil.rmtree, parent, True)
    course_root = make_real_course(parent, HANDED_IN_ASSIGNMENT)
    # Another assignment's release, as in a real course (a student may hand in the wrong notebook).
    shutil.copytree(ROOT / "release" / OTHER_ASSIGNMENT, course_root / "release" / OTHER_ASSIGNMENT)
    corpus = handed_in_cases(course_root)
    for case in corpus:
        case["hand_in"](course_root / "submitted" / case["name"])
    result = grade_handed_in(course_root)
    return {"root": course_root, "cases": corpus, "result": result}

"""Plain nbgrader, end to end, in a temporary copy of the course.

One assignment at a time gets its own gradebook file so assignments can be processed in parallel
(SQLite takes one writer): generate the release, submit the solution (as student `solution`) and
the untouched release (as student `untouched`), autograde both, generate feedback.
"""
import os
import pathlib
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from nbgrader.api import Gradebook

from course import BY_ID, ROOT

VENV_BIN = str(pathlib.Path(sys.executable).parent)
SAMPLED = "data-cache"  # under the course root


def nbgrader(args, course_root, db_url):
    env = dict(os.environ, PATH=VENV_BIN + os.pathsep + os.environ.get("PATH", ""))
    env.pop("NBGRADER_DB_URL", None)
    # Empty data caches of this course's own (the sampler's fallback is the temporary directory):
    # what the notebooks load that the course does not ship is sampled, and found, here.
    for name, folder in (("BACKPROP_CACHE_DIR", SAMPLED), ("TMPDIR", "tmp")):
        env[name] = str(pathlib.Path(course_root) / folder)
        os.makedirs(env[name], exist_ok=True)
    result = subprocess.run([os.path.join(VENV_BIN, "nbgrader"), *args, f"--db={db_url}"], cwd=course_root,
                            env=env, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def scores(db_url, assignment, student):
    """``{grade_id: (auto_score, max_score, cell_type)}`` of one submission."""
    with Gradebook(db_url) as gb:
        sub = gb.find_submission(assignment, student)
        return {g.name: (g.auto_score, g.max_score, g.cell_type) for nb in sub.notebooks for g in nb.grades}


def run_assignment(course_root, assignment):
    notebook = BY_ID[assignment]["notebook"]
    db_url = f"sqlite:///{course_root / f'gradebook-{assignment}.db'}"
    nbgrader(["generate_assignment", assignment, "--force"], course_root, db_url)
    for student, origin in (("solution", "source"), ("untouched", "release")):
        target = course_root / "submitted" / student / assignment
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(course_root / origin / assignment / notebook, target / notebook)
    nbgrader(["autograde", assignment, "--force"], course_root, db_url)
    nbgrader(["generate_feedback", assignment, "--force"], course_root, db_url)
    return {student: scores(db_url, assignment, student) for student in ("solution", "untouched")}


def graded_copy(course_root, assignments, jobs=2):
    """Copy the course into ``course_root`` (release/ left out: nbgrader makes it) and grade it."""
    course_root = pathlib.Path(course_root)
    shutil.copy(ROOT / "nbgrader_config.py", course_root / "nbgrader_config.py")
    for assignment in assignments:
        shutil.copytree(ROOT / "source" / assignment, course_root / "source" / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = dict(zip(assignments, pool.map(lambda a: run_assignment(course_root, a), assignments)))
    return results

"""Build the student edition: ``python student/build.py [DEST]`` (``make student-edition``).

DEST (default ``dist/student``) is emptied, then receives exactly what a student needs: the
``release/`` notebooks, ``helpers/``, the course's JupyterLab settings (``jupyter/``), and this
folder's README, Makefile and pyproject; the requirements are the course's without the instructor's
tools. Nothing of ``source/``, ``tests/``, ``autograder/`` or the nbgrader configuration.
"""
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
HERE = ROOT / "student"
FILES = ("README.md", "Makefile", "pyproject.toml")
# Requirements only an instructor needs: grading and the notebook-format tools it uses.
INSTRUCTOR_ONLY = ("nbgrader", "distributed", "psycopg")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")


def student_requirements(text):
    """The course's requirements.txt without the instructor-only packages."""
    kept = []
    for line in text.splitlines():
        if any(line.strip().lower().startswith(name) for name in INSTRUCTOR_ONLY):
            while kept and kept[-1].startswith("#"):   # the comment that explains a dropped line
                kept.pop()
            continue
        kept.append(line)
    return "\n".join(kept).replace("(helpers, autograder)", "(helpers)") + "\n"


def build(dest):
    """Write the student edition into ``dest`` (a ``pathlib.Path``), replacing what was there."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for assignment in sorted(p for p in (ROOT / "release").iterdir() if p.is_dir()):
        shutil.copytree(assignment, dest / assignment.name, ignore=IGNORE)
    shutil.copytree(ROOT / "helpers", dest / "helpers", ignore=IGNORE)
    shutil.copytree(ROOT / "jupyter", dest / "jupyter", ignore=IGNORE)
    for name in FILES:
        shutil.copy2(HERE / name, dest / name)
    (dest / "requirements.txt").write_text(student_requirements((ROOT / "requirements.txt").read_text()))
    return dest


if __name__ == "__main__":
    target = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "student"
    print(f"student edition written to {build(target.resolve())}")

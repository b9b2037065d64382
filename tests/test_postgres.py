"""The gradebook on PostgreSQL, end to end: a throwaway server (Debian's `postgresql`), the course's
`nbgrader_config.py` pointed at it through NBGRADER_DB_URL with the driver the README names, then
generate_assignment, plain `nbgrader autograde`, our `python -m autograder grade`,
generate_feedback, export and one request to the formgrader's API, all against that one database.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from nbgrader.api import Gradebook
from system_tools import require_tool

import grading_course as gc
import postgres_server
from browser_support import free_port

pytestmark = pytest.mark.slow

# Honest full and half marks, an untouched release, a kernel that dies: graded by us.
OURS = ("honest_full", "honest_half", "honest_untouched", "os_exit")


@pytest.fixture(scope="module")
def db_url():
    require_tool(postgres_server.binaries(), "PostgreSQL (apt-get install postgresql)")
    require_tool(shutil.which("bwrap"), "bubblewrap")
    with postgres_server.running() as url:
        yield url


@pytest.fixture(scope="module")
def course(db_url, tmp_path_factory):
    """The fixture course, every step run against PostgreSQL; ``(root, env, {step: result})``."""
    root = tmp_path_factory.mktemp("pg") / "course"
    shutil.copytree(gc.FIXTURE, root)
    shutil.copy(gc.ROOT / "nbgrader_config.py", root)
    env = dict(gc.env(), NBGRADER_DB_URL=db_url)

    def run(*argv):
        return subprocess.run([sys.executable, "-m", *argv], cwd=root, env=env, capture_output=True, text=True,
                              timeout=600)

    steps = {"generate": run("nbgrader", "generate_assignment", gc.ASSIGNMENT, "--force")}
    release = nbformat.read(str(root / "release" / gc.ASSIGNMENT / f"{gc.ASSIGNMENT}.ipynb"), as_version=4)
    by_name = {c["name"]: c for c in gc.cases(root)}
    for name in OURS:
        gc.submit(root, by_name[name], release)
    gc.submit(root, dict(by_name["honest_full"], name="plain"), release)
    steps["autograde"] = run("nbgrader", "autograde", gc.ASSIGNMENT, "--student", "plain", "--force")
    students = [a for name in OURS for a in ("--student", name)]
    steps["grade"] = run("autograder", "grade", gc.ASSIGNMENT, *gc.GRADE_OPTIONS, *students)
    steps["feedback"] = run("nbgrader", "generate_feedback", gc.ASSIGNMENT, "--student", "plain", "--force")
    steps["export"] = run("nbgrader", "export", "--CsvExportPlugin.to=nbgrader-grades.csv")
    return root, env, steps


@pytest.mark.parametrize("step", ["generate", "autograde", "grade", "feedback", "export"])
def test_each_step_succeeds_on_postgresql(course, step):
    result = course[2][step]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_the_gradebook_in_postgresql_holds_every_grade(course, db_url):
    root = course[0]
    assert not (root / "gradebook.db").exists(), "something wrote the SQLite gradebook instead"
    expect = {c["name"]: c["expect"] for c in gc.cases() if c["name"] in OURS}
    expect["plain"] = 3.0
    with Gradebook(db_url, "backprop-from-scratch") as gb:
        got = {s.student.id: s.score for s in gb.assignment_submissions(gc.ASSIGNMENT)}
    assert got == expect


def test_feedback_and_exports_come_from_postgresql(course):
    root = course[0]
    for student in ("plain", *OURS):
        assert (root / "feedback" / student / gc.ASSIGNMENT / f"{gc.ASSIGNMENT}.html").is_file(), student
    exported = {r["student_id"]: float(r["score"]) for r in csv.DictReader(open(root / "nbgrader-grades.csv"))}
    ours = {r["student"] for r in csv.DictReader(open(root / "grades.csv"))}
    assert exported["plain"] == exported["honest_full"] == 3.0 and exported["honest_untouched"] == 0.0
    # grades.csv lists everyone the gradebook holds, plain nbgrader's student too.
    assert ours == set(OURS) | {"plain"}


def test_the_formgrader_api_reads_postgresql(course):
    root, env, _ = course
    port, token = free_port(), "pg-test-token"
    server = subprocess.Popen([sys.executable, "-m", "jupyter_server", "--no-browser", f"--port={port}",
                               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--allow-root",
                               f"--ServerApp.root_dir={root}"],
                              cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/formgrader/api/assignments",
                                         headers={"Authorization": f"token {token}"})
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    assignments = json.load(response)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    fixture = next(a for a in assignments if a["name"] == gc.ASSIGNMENT)
    assert fixture["num_submissions"] == len(OURS) + 1
    assert fixture["max_score"] == 3.0

"""The hostile corpus (tests/hostile/) graded beside honest submissions by `python -m autograder grade`.

Honest grades exact, hostile ones capped at what their honest part earns, the gradebook and the
course files untouched, no process left behind, running it twice changes nothing. One real course
notebook (the first that exists) goes through the sandbox too.
"""
import csv
import os
import pathlib
import shutil
import subprocess
import sys
import time

import nbformat
import pytest
from system_tools import require_tool
from nbgrader.api import Gradebook

import grading_course as gc


pytestmark = pytest.mark.slow

CASES = gc.cases()


@pytest.fixture(scope="module")
def graded():
    require_tool(shutil.which("bwrap"), "bubblewrap")
    return gc.graded_course()


def scores(course_root):
    with Gradebook(f"sqlite:///{course_root / 'gradebook.db'}") as gb:
        return {s.student.id: (s.score, s.max_score) for s in gb.assignment_submissions(gc.ASSIGNMENT)}


def test_the_command_succeeds(graded):
    result = graded["result"]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"{len(CASES)} of {len(CASES)} submissions graded" in result.stdout


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_each_submission_gets_exactly_its_points(graded, case):
    got = scores(graded["root"])
    assert case["name"] in got, f"{case['name']} has no grade at all"
    assert got[case["name"]] == (case["expect"], 3.0), f"{case['name']}: {case['doc']}"


@pytest.mark.parametrize("case", [c for c in CASES if c["flag"]], ids=[c["name"] for c in CASES if c["flag"]])
def test_tampering_is_flagged_in_the_summary(graded, case):
    flagged = graded["result"].stdout.split("Possible tampering")[-1]
    assert f"  {case['name']} / {gc.ASSIGNMENT}:" in flagged


def test_course_files_and_helpers_are_untouched(graded):
    assert gc.tree_digest(*graded["protected"]) == graded["before"]
    assert (graded["root"] / "gradebook.db").exists()
    import helpers
    for path in pathlib.Path(helpers.__file__).parent.glob("*.py"):
        assert "# tampered" not in path.read_text(), path


def _leftovers():
    found = {}
    for proc in pathlib.Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        # A kernel counts when started from this checkout's venv and its run is over (its
        # connection file's folder is gone): other gradings on this machine (another test process,
        # a benchmark, a second developer) are still running theirs.
        words = cmd.split()
        conn = words[words.index("-f") + 1] if "-f" in words[:-1] else ""
        ours_kernel = "ag-kernel-" in cmd and sys.prefix in cmd and conn and not pathlib.Path(conn).parent.exists()
        if ours_kernel or any(marker in cmd for marker in ("sleep 4242", "time.sleep(4243)", "sleep 4244")):
            found[proc.name] = cmd
    return found


def test_no_process_is_left_behind(graded):
    first = _leftovers()
    time.sleep(2)  # a process seen while its run was ending is gone by now
    assert not {pid: cmd for pid, cmd in _leftovers().items() if pid in first}


def test_reasons_and_report(graded):
    out, root = graded["result"].stdout, graded["root"]
    assert "os_exit / fixture: fixture: the kernel died" in out
    assert "invalid_json / fixture: fixture.ipynb could not be read: the file is not complete JSON" in out
    assert ("ignore_interrupt / fixture: fixture: the kernel stopped responding" in out
            or "ignore_interrupt / fixture: fixture: the notebook ran longer than" in out)
    rows = list(csv.DictReader(open(root / "grades.csv")))
    assert {r["student"] for r in rows} == {c["name"] for c in CASES}
    assert {r["square"] for r in rows if r["student"] == "honest_half"} == {"1"}
    assert (root / "grades.png").stat().st_size > 5000


def test_flooded_output_is_capped(graded):
    path = graded["root"] / "autograded" / "output_flood" / gc.ASSIGNMENT / f"{gc.ASSIGNMENT}.ipynb"
    assert path.stat().st_size < 5_000_000
    assert "output truncated by the grader" in path.read_text()


def test_grading_twice_changes_nothing(graded):
    root = graded["root"]
    first = scores(root)
    again = gc.grade(root, "--student", "honest_full", "--student", "os_exit", "--student", "patch_allclose",
                     "--no-feedback")
    assert again.returncode == 0, again.stderr[-2000:]
    assert scores(root) == first


def test_refuses_without_bwrap_unless_told(tmp_path):
    env = gc.env()
    env["PATH"] = str(pathlib.Path(sys.executable).parent)  # no /usr/bin: bwrap cannot be found
    result = subprocess.run([sys.executable, "-m", "autograder", "grade"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "bubblewrap" in result.stderr and "--no-sandbox" in result.stderr


def test_a_serving_worker_that_dies_is_replaced_and_keeps_nothing(tmp_path):
    """A job that kills its worker gets a reason; the slot's next job runs in a new worker, and a
    worker that runs several jobs leaves no kernel, directory or open file behind."""
    from autograder import pool
    from autograder.jobs import Job
    from autograder.options import Options

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(tmp_path / "ok.ipynb"))
    options = Options(sandbox=False, cell_timeout=30, time_limit=60)
    worker = pool.WorkerProcess(tmp_path, "t")
    try:
        broken = worker.run(Job.make("broken", tmp_path / "missing.ipynb", [], tmp_path, options, 1))
        assert broken["status"] == "worker_failed" and "FileNotFoundError" in broken["reason"]
        first = worker.run(Job.make("first", tmp_path / "ok.ipynb", [], tmp_path, options, 1))
        pid = worker.proc.pid
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        second = worker.run(Job.make("second", tmp_path / "ok.ipynb", [], tmp_path, options, 1))
        assert first["status"] == second["status"] == "ok"
        assert second["notebook"].cells[0].outputs[0]["text"] == "42\n"
        assert worker.proc.pid == pid and len(os.listdir(f"/proc/{pid}/fd")) == fds
        assert (pathlib.Path(f"/proc/{pid}/task/{pid}/children").read_text().split() == []
                and list(worker.scratch.iterdir()) == [])
    finally:
        worker.close()


def test_a_fork_bomb_meets_the_process_budget_without_cgroups(tmp_path, monkeypatch):
    """As on a cgroup v2 host where no group can be made: RLIMIT_NPROC alone stops the bomb, and
    the result says which budget was active."""
    require_tool(shutil.which("bwrap"), "bubblewrap")
    from autograder import worker

    monkeypatch.setenv("AUTOGRADER_CGROUPS", "off")
    bomb = ("import os, time\nn = 0\ntry:\n    while n < 5000:\n        if os.fork() == 0:\n"
            "            time.sleep(60)\n            os._exit(0)\n        n += 1\nexcept OSError:\n    pass\nprint(n)")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(bomb)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(tmp_path / "bomb.ipynb"))
    job = {"notebook": str(tmp_path / "bomb.ipynb"), "output": str(tmp_path / "out.ipynb"), "cell_timeout": 60,
           "time_limit": 120, "memory": 2 * 1024 ** 3, "sandbox": True, "data_files": [], "threads": 1}
    result = worker.run(job)
    assert result["status"] == "ok", result["reason"]
    assert result["budget"] == "RLIMIT_NPROC 256"
    started = int(result["notebook"].cells[0].outputs[0]["text"])
    assert 0 < started < 256
    assert result["tasks"] > started  # what the worker counts to word a run broken off at the limit

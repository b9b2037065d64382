"""Where the jobs run: the local pool, or a Dask cluster (a scheduler and two worker processes on
127.0.0.1, started here). A job's files travel with it and its results come back; a worker killed
mid-job loses nothing; one hostile or honest submission of each kind graded through the cluster
gets exactly the grades of the local run."""
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest
from nbgrader.api import Gradebook
from system_tools import require_tool

import grading_course as gc
from autograder import executors, pool
from autograder.jobs import Job
from autograder.options import Options


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def _processes_with(marker):
    found = []
    for proc in pathlib.Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in cmd:
            found.append(cmd)
    return found


def test_a_job_travels_as_bytes_and_comes_back_where_the_local_worker_writes(tmp_path):
    _notebook(tmp_path / "in.ipynb", "print(1)")
    (tmp_path / "table.csv").write_text("x\n1\n")
    job = Job.make("j", tmp_path / "in.ipynb", [str(tmp_path / "table.csv")], tmp_path, Options(), threads=1)
    payload = executors.pack(job)
    assert payload["notebook"] == (tmp_path / "in.ipynb").read_bytes()
    assert payload["data_files"] == {"table.csv": b"x\n1\n"}
    assert "output" not in payload and payload["memory"] == Options().memory
    executed = nbformat.writes(nbformat.read(str(tmp_path / "in.ipynb"), as_version=4)).encode()
    record = {"status": "ok", "reason": "", "executed": [0], "seconds": 0.5}
    result = executors.unpack(job, executed, record)
    assert pathlib.Path(job.output).read_bytes() == executed
    assert pathlib.Path(job.output + ".json").read_text() == '{"status": "ok", "reason": "", "executed": [0], "seconds": 0.5}'
    assert result["notebook"].cells[0].source == "print(1)" and result["status"] == "ok"
    assert executors.unpack(job, None, {"status": "worker_failed"}) == {"status": "worker_failed"}


def test_without_a_scheduler_the_jobs_run_in_the_local_pool(tmp_path):
    made = executors.make_pool(Options(), 1, tmp_path, "t")
    try:
        assert isinstance(made, pool.Pool)
    finally:
        made.close()


def test_a_scheduler_nobody_answers_is_a_clear_error(monkeypatch):
    from autograder import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    with pytest.raises(executors.ClusterUnavailable, match="cannot reach the Dask scheduler"):
        executors.make_pool(Options(scheduler="tcp://127.0.0.1:9"), 1, "/nonexistent", "sub")


@pytest.fixture
def cluster():
    """A scheduler and two single-threaded worker processes, new for each test (one is killed)."""
    require_tool(shutil.which("bwrap"), "bubblewrap")
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local, Client(local) as client:
        yield client


def _kill_a_busy_worker(client, deadline):
    """SIGKILL the process of a worker that is running a task; returns its address."""
    while time.monotonic() < deadline:
        busy = [w for w, keys in client.processing().items() if keys]
        if busy:
            pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            return busy[0]
        time.sleep(0.1)
    raise AssertionError("no worker ever ran a task")


def test_on_the_cluster_a_job_runs_sandboxed_like_a_local_one(cluster, tmp_path):
    _notebook(tmp_path / "in.ipynb", "import os\nprint(sorted(os.listdir('.')), os.getcwd())",
              "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=2)\nexcept OSError as e:\n"
              "    print(type(e).__name__)")
    (tmp_path / "table.csv").write_text("x\n1\n")
    options = Options(cell_timeout=30, time_limit=60, scheduler=cluster.scheduler.address)
    results = {}
    for name, opts in (("local", Options(cell_timeout=30, time_limit=60)), ("cluster", options)):
        executor = executors.make_pool(opts, 1, tmp_path, name)
        try:
            job = Job.make(name, tmp_path / "in.ipynb", [str(tmp_path / "table.csv")], tmp_path, opts, threads=1)
            results[name] = executor.submit(job).result(timeout=120)
        finally:
            executor.close()
    local, remote = results["local"], results["cluster"]
    assert remote["status"] == local["status"] == "ok", (local, remote)
    assert [c.outputs for c in remote["notebook"].cells] == [c.outputs for c in local["notebook"].cells]
    assert remote["notebook"].cells[0].outputs[0]["text"] == "['table.csv'] /home/student\n"
    assert "Error" in remote["notebook"].cells[1].outputs[0]["text"]  # no network in the sandbox
    assert nbformat.read(str(tmp_path / "cluster.out.ipynb"), as_version=4) == remote["notebook"]


def test_a_worker_killed_mid_job_loses_nothing(cluster, tmp_path):
    """The job reruns on the other worker; one result comes back; the killed worker's kernel is gone."""
    marker = "time.sleep(4.125)"
    _notebook(tmp_path / "in.ipynb", f"import time\n{marker}\nprint(42)")
    options = Options(cell_timeout=30, time_limit=60, scheduler=cluster.scheduler.address)
    executor = executors.make_pool(options, 1, tmp_path, "sub")
    try:
        future = executor.submit(Job.make("slow", tmp_path / "in.ipynb", [], tmp_path, options, threads=1))
        _kill_a_busy_worker(cluster, time.monotonic() + 60)
        result = future.result(timeout=180)
        # The staging folders lie in the workers' own folders, which Dask removes even after a kill.
        inside = cluster.run(lambda dask_worker: [p.name for p in pathlib.Path(dask_worker.local_directory).iterdir()
                                                  if p.name.startswith("autograder-")])
        assert inside and all(len(names) == 1 for names in inside.values()), inside
    finally:
        executor.close()
    assert result["status"] == "ok", result
    assert result["notebook"].cells[0].outputs[0]["text"] == "42\n"
    assert not _processes_with(marker), "the killed worker's kernel outlived it"


def _scores(course_root):
    with Gradebook(f"sqlite:///{course_root / 'gradebook.db'}") as gb:
        return {s.student.id: (s.score, s.max_score) for s in gb.assignment_submissions(gc.ASSIGNMENT)}


# One submission of each way a job can end on a worker, and each kind the grader must flag:
# honest (full, half, untouched), a cell timeout, the notebook's time limit, the memory limit, a
# dead kernel, a fork bomb, children left behind, an output flood, a signal to everything, no
# notebook at all. The other hostile cases differ only in what the judge (in the grader process,
# the same code locally and with a cluster) sees: grading them twice would test nothing new.
CLUSTER_CASES = ("honest_full", "honest_half", "honest_untouched", "infinite_loop", "ignore_interrupt",
                 "memory_hog", "os_exit", "fork_bomb", "fork_children", "output_flood", "kill_parent",
                 "invalid_json")


@pytest.mark.slow
def test_the_corpus_graded_on_the_cluster_gets_the_local_grades(cluster, tmp_path):
    """One hostile or honest submission of each kind, with a worker killed mid-run: the grades of
    the local run of the whole corpus."""
    local = gc.graded_course()
    assert local["result"].returncode == 0, local["result"].stderr[-2000:]
    assert set(CLUSTER_CASES) <= {case["name"] for case in gc.cases()}
    root = gc.make_course(tmp_path)
    for name in CLUSTER_CASES:
        shutil.copytree(local["root"] / "submitted" / name, root / "submitted" / name)
    grader = subprocess.Popen([sys.executable, "-m", "autograder", "grade", gc.ASSIGNMENT, *gc.GRADE_OPTIONS,
                               "--scheduler", cluster.scheduler.address], cwd=root, env=gc.env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(5)  # past the solution's run: the submissions are under way
        _kill_a_busy_worker(cluster, time.monotonic() + 120)
        out, err = grader.communicate(timeout=900)
    finally:
        grader.kill()
    assert grader.returncode == 0, out[-3000:] + err[-3000:]
    cases = len(CLUSTER_CASES)
    assert f"{cases} of {cases} submissions graded" in out
    local_scores = _scores(local["root"])
    assert _scores(root) == {name: local_scores[name] for name in CLUSTER_CASES}
    for marker in ("sleep 4242", "time.sleep(4243)", "sleep 4244"):
        assert not _processes_with(marker)

"""autograder.schedule: executors started only when needed; every job's result comes back once."""
import concurrent.futures

import nbformat
import pytest

from autograder import executors, schedule
from autograder.options import Options


class FakeExecutor:
    """Runs a job at once: its result names the job."""

    made = []

    def __init__(self, slots, label):
        self.slots, self.label, self.closed = slots, label, None
        FakeExecutor.made.append(self)

    def submit(self, job):
        future = concurrent.futures.Future()
        future.set_result({"status": "ok", "job": job})
        return future

    def close(self, kill=False):
        self.closed = "killed" if kill else "waited"


@pytest.fixture
def fake(monkeypatch):
    FakeExecutor.made = []
    monkeypatch.setattr(executors, "make_pool", lambda options, slots, staging, label: FakeExecutor(slots, label))
    return FakeExecutor.made


def test_nothing_starts_without_work(fake, tmp_path):
    jobs = schedule.Schedule(Options(jobs=4), tmp_path)
    jobs.start(0, 0)
    assert fake == [] and list(jobs.results()) == []


def test_the_submissions_get_at_most_one_slot_per_notebook_and_the_solutions_one(fake, tmp_path):
    jobs = schedule.Schedule(Options(jobs=4), tmp_path)
    jobs.start(1, 2)
    assert [(e.label, e.slots) for e in fake] == [("ref", 1), ("sub", 2)]  # both before any job
    jobs.solution(("a", "nb"), "ref-job")
    jobs.submission(("a", "alice", "nb"), "job-1")
    jobs.submission(("a", "bob", "nb"), "job-2")
    assert [(e.label, e.slots) for e in fake] == [("ref", 1), ("sub", 2)]
    got = sorted((kind, key, result["job"]) for kind, key, result in jobs.results())
    assert got == [("solution", ("a", "nb"), "ref-job"), ("submission", ("a", "alice", "nb"), "job-1"),
                   ("submission", ("a", "bob", "nb"), "job-2")]
    jobs.close(kill=True)
    assert [e.closed for e in fake] == ["killed", "killed"]


def _job(tmp_path, name, cells, files=None, sandbox=True):
    """A sandboxed job for a notebook of ``cells`` (``(type, source)``) and ``files`` ({name: text})."""
    from autograder.jobs import Job
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) if t == "code" else nbformat.v4.new_markdown_cell(s)
                                         for t, s in cells])
    nb.metadata["editor"] = name  # the kernel never sees this
    folder = tmp_path / name
    folder.mkdir()
    nbformat.write(nb, str(folder / "in.ipynb"))
    for file, text in (files or {}).items():
        (folder / file).write_text(text)
    return Job(name=name, notebook=str(folder / "in.ipynb"), output=str(folder / "out.ipynb"), cell_timeout=1,
               time_limit=2, memory=1, sandbox=sandbox, data_files=tuple(str(folder / f) for f in files or {}))


class RunningExecutor(FakeExecutor):
    """Runs a job at once: its result has the job's notebook, each code cell printing its own name."""

    def submit(self, job):
        import nbformat

        nb = nbformat.read(job.notebook, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [nbformat.v4.new_output("stream", text=job.name)], 1
        future = concurrent.futures.Future()
        future.set_result({"status": "ok", "job": job.name, "notebook": nb})
        return future


def test_a_submission_its_kernel_cannot_tell_from_an_earlier_one_shares_that_run(monkeypatch, tmp_path):
    RunningExecutor.made = []
    monkeypatch.setattr(executors, "make_pool", lambda options, slots, staging, label: RunningExecutor(slots, label))
    cells = [("markdown", "# intro"), ("code", "x = 1"), ("code", "print(x)")]
    jobs = schedule.Schedule(Options(jobs=2), tmp_path)
    jobs.start(0, 6)
    jobs.submission("alice", _job(tmp_path, "alice", cells, {"data.csv": "1"}))
    jobs.submission("bob", _job(tmp_path, "bob", cells, {"data.csv": "1"}))            # the same: shares
    jobs.submission("carol", _job(tmp_path, "carol", cells, {"data.csv": "2"}))        # other bytes: runs
    jobs.submission("dan", _job(tmp_path, "dan", cells[:1] + [("code", "x = 2")] + cells[2:], {"data.csv": "1"}))
    jobs.submission("erin", _job(tmp_path, "erin", cells, {"data.csv": "1"}, sandbox=False))  # own folder: runs
    # The same code, but one cell is the instructor's (read-only): its hidden parts run otherwise.
    frank = _job(tmp_path, "frank", cells, {"data.csv": "1"})
    nb = nbformat.read(frank.notebook, as_version=4)
    nb.cells[1].metadata["nbgrader"] = {"locked": True, "grade_id": "setup", "schema_version": 3}
    nbformat.write(nb, frank.notebook)
    jobs.submission("frank", frank)
    got = {key: result for _, key, result in jobs.results()}
    assert {key: r["job"] for key, r in got.items()} == {"alice": "alice", "bob": "alice", "carol": "carol",
                                                         "dan": "dan", "erin": "erin", "frank": "frank"}
    bob = got["bob"]["notebook"]
    assert bob.metadata["editor"] == "bob"                                          # its own notebook
    assert [c.outputs[0].text for c in bob.cells if c.cell_type == "code"] == ["alice", "alice"]
    assert bob.cells[1].outputs is not got["alice"]["notebook"].cells[1].outputs   # a copy

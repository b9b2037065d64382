"""autograder.schedule: executors started only when needed; every job's result comes back once."""
import concurrent.futures

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

"""Scheduling: the run's executors, and the results of its jobs as they come in.

Two executors (``executors.make_pool``: the local pool, or the Dask cluster with ``--scheduler``):
one slot for the solutions whose records are not cached, so they run beside the first
submissions rather than before them, and ``min(jobs, notebooks)`` slots for the submissions.
Both are started only when there is something for them, once the run is planned, and both before
any job is sent: on a cluster, setting up an executor reaches every worker, and a worker busy
with a job may die meanwhile (a killed worker must cost its job a rerun, never the run).
"""
import concurrent.futures

from autograder import executors


class Schedule:
    """The jobs of one run, keyed; ``results()`` yields ``(kind, key, result)`` as each job ends
    (``kind``: ``"solution"`` or ``"submission"``)."""

    def __init__(self, options, staging):
        self.options = options
        self.staging = staging
        self._solutions = None      # the executor of the solutions' runs
        self._submissions = None    # the executor of the submissions
        self._futures = {}          # future -> (kind, key)

    def start(self, solutions, notebooks):
        """Start the executors for ``solutions`` solution runs and ``notebooks`` submitted notebooks
        (none for none), so that their workers get ready while the submissions are staged."""
        if solutions and self._solutions is None:
            self._solutions = executors.make_pool(self.options, 1, self.staging, "ref")
        if notebooks and self._submissions is None:
            slots = max(1, min(self.options.jobs, notebooks))
            self._submissions = executors.make_pool(self.options, slots, self.staging, "sub")

    def solution(self, key, job):
        """Run a solution's ``job`` in the solutions' slot; ``start`` must have counted it."""
        self._futures[self._solutions.submit(job)] = "solution", key

    def submission(self, key, job):
        """Run a submission's ``job``; ``start`` must have been called."""
        self._futures[self._submissions.submit(job)] = "submission", key

    def results(self):
        """``(kind, key, result)`` of every job scheduled so far, in the order they end."""
        for future in concurrent.futures.as_completed(list(self._futures)):
            yield *self._futures[future], future.result()

    def close(self, kill=False):
        """End the executors: wait for the jobs under way, or with ``kill`` end them now."""
        for executor in (self._solutions, self._submissions):
            if executor is not None:
                executor.close(kill=kill)
        self._solutions = self._submissions = None

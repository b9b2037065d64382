"""Scheduling: the run's executors, and the results of its jobs as they come in.

Two executors (``executors.make_pool``: the local pool, or the Dask cluster with ``--scheduler``):
one slot for the solutions whose records are not cached, so they run beside the first
submissions rather than before them, and ``min(jobs, notebooks)`` slots for the submissions.
Both are started only when there is something for them, once the run is planned, and both before
any job is sent: on a cluster, setting up an executor reaches every worker, and a worker busy
with a job may die meanwhile (a killed worker must cost its job a rerun, never the run).

A submission whose kernel would see exactly what an earlier one of the run sees (the same code
and markdown cells in the same order, the same files under the same names, the same limits, in
the sandbox) is not run again: it gets a copy of that run's outputs, put into its own notebook
(``same_run``). Students who hand in the release's code unchanged, or the same work from another
editor, cost one kernel between them.
"""
import concurrent.futures

from autograder import executors, same_run


class Schedule:
    """The jobs of one run, keyed; ``results()`` yields ``(kind, key, result)`` as each job ends
    (``kind``: ``"solution"`` or ``"submission"``)."""

    def __init__(self, options, staging):
        self.options = options
        self.staging = staging
        self._solutions = None      # the executor of the solutions' runs
        self._submissions = None    # the executor of the submissions
        self._futures = {}          # future -> (kind, key)
        self._first = {}            # same_run.run_key -> the future of the first job with that key
        self._same = {}             # that future -> [(key, job)] of the submissions that share its run

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
        """Run a submission's ``job``, or share the run of an earlier one its kernel cannot tell
        from it (``same_run.run_key``); ``start`` must have been called."""
        run_key = same_run.run_key(job)
        if run_key is not None and run_key in self._first:
            self._same[self._first[run_key]].append((key, job))
            return
        future = self._submissions.submit(job)
        self._futures[future] = "submission", key
        if run_key is not None:
            self._first[run_key], self._same[future] = future, []

    def results(self):
        """``(kind, key, result)`` of every job scheduled so far, in the order they end (a job that
        shared another's run right after it)."""
        for future in concurrent.futures.as_completed(list(self._futures)):
            result = future.result()
            yield *self._futures[future], result
            for key, job in self._same.get(future, []):
                yield "submission", key, same_run.shared(result, job)

    def close(self, kill=False):
        """End the executors: wait for the jobs under way, or with ``kill`` end them now."""
        for executor in (self._solutions, self._submissions):
            if executor is not None:
                executor.close(kill=kill)
        self._solutions = self._submissions = None

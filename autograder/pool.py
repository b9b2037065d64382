"""Long-lived worker processes (``python -m autograder.worker --serve``), one per parallel slot.

Starting a worker costs a Python start-up and its imports; a serving worker pays that once and
then runs one job after another, each with a fresh kernel, sandbox and scratch directories. The
grader sends a job file's path on the worker's stdin and waits for ``done NAME`` on its stdout.
A worker that dies, or outlives a job's time limit, is killed (``--die-with-parent`` takes its
sandbox along), that job gets a reason instead of a result, and the slot starts a new worker for
its next job.
"""
import concurrent.futures
import json
import os
import pathlib
import queue
import select
import shutil
import subprocess
import sys
import time

# Beyond a job's own time limit: kernel start-up, shutdown and writing the result.
GRACE_SECONDS = 180


class WorkerProcess:
    """One serving worker; ``run`` one job at a time."""

    def __init__(self, staging, label):
        self.staging = pathlib.Path(staging)
        self.log = self.staging / f"worker-{label}.log"
        # Its jobs' kernel directories and cgroups, found by these when it has to be killed.
        self.scratch = self.staging / f"worker-{label}"
        self.scratch.mkdir(exist_ok=True)
        self.tag = f"{self.staging.name.rsplit('-', 1)[-1]}-{label}"
        self.proc = None
        self._buffer = b""

    def start(self):
        if self.proc is not None and self.proc.poll() is None:
            return
        with open(self.log, "ab") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "autograder.worker", "--serve"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                         cwd=self.staging, bufsize=0)
        self._buffer = b""

    def kill(self):
        """End the worker now; its sandboxes die with it, their directories and groups are removed."""
        if self.proc is not None:
            try:
                self.proc.kill()
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                pass
            for pipe in (self.proc.stdin, self.proc.stdout):
                try:
                    pipe.close()
                except OSError:
                    pass
            self.proc = None
            self._clean_up()

    def _clean_up(self):
        from autograder import cgroup

        for _ in range(50):  # bwrap's --die-with-parent is quick, not instant
            groups = cgroup.tagged(self.tag)
            if not groups:
                break
            cgroup.remove(groups)
            time.sleep(0.1)
        for leftover in self.scratch.iterdir():
            shutil.rmtree(leftover, ignore_errors=True)

    def terminate(self):
        """End the worker now, from any thread; the thread running its job cleans up."""
        proc = self.proc
        if proc is not None:
            try:
                proc.kill()
            except OSError:
                pass

    def close(self):
        """Let an idle worker end by itself (end of its input); kill it if it does not."""
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def _reply(self, deadline):
        """The next line from the worker; ``b""`` when it died, None when the deadline passed."""
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    return b""
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line

    def run(self, job):
        """Run one ``jobs.Job``; always returns a result dict (see ``worker.run``), never raises."""
        job = dict(job.to_dict(), scratch=str(self.scratch), tag=self.tag)
        job_file = self.staging / f"{job['name']}.job.json"
        job_file.write_text(json.dumps(job))
        self.start()
        offset = self.log.stat().st_size if self.log.exists() else 0
        try:
            self.proc.stdin.write(f"{job_file}\n".encode())
            reply = self._reply(time.monotonic() + job["time_limit"] + GRACE_SECONDS)
        except (OSError, ValueError):
            reply = b""
        if reply is None:
            self.kill()
            return {"status": "time_limit", "reason": "the grader stopped a run that outlived its time limit"}
        if not reply.startswith(b"done"):
            self.kill()  # it died (or wrote something it should not): the next job gets a new one
        try:
            import nbformat  # here: ``python -m autograder.worker`` need not wait for it

            result = json.loads(pathlib.Path(job["output"] + ".json").read_text())
            result["notebook"] = nbformat.read(job["output"], as_version=4)
            return result
        except (OSError, ValueError) as err:
            tail = []
            if self.log.exists():
                with open(self.log, "rb") as f:
                    f.seek(offset)
                    tail = f.read()[-300:].decode(errors="replace").strip().splitlines()[-1:]
            return {"status": "worker_failed",
                    "reason": f"the grader's worker failed ({type(err).__name__}) {' '.join(tail)}".strip()}


class Pool:
    """``slots`` serving workers behind a thread pool: ``submit(job)`` (a ``jobs.Job``) returns a future result."""

    def __init__(self, slots, staging, label):
        self._idle = queue.Queue()
        self._workers = [WorkerProcess(staging, f"{label}{k}") for k in range(slots)]
        for worker in self._workers:
            worker.start()  # now: their imports overlap with the grader's own preparations
            self._idle.put(worker)
        self._threads = concurrent.futures.ThreadPoolExecutor(slots, thread_name_prefix=f"pool-{label}")

    def _run(self, job):
        worker = self._idle.get()
        try:
            return worker.run(job)
        finally:
            self._idle.put(worker)

    def submit(self, job):
        return self._threads.submit(self._run, job)

    def close(self, kill=False):
        """Wait for the jobs under way (or, with ``kill``, end them), then end the workers."""
        if kill:
            for worker in self._workers:
                worker.terminate()  # its thread sees the worker gone and returns a failed result
        self._threads.shutdown(wait=True, cancel_futures=True)
        for worker in self._workers:
            worker.close()

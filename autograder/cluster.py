"""The Dask side of ``executors``: the grader's ``DaskPool`` and what runs on each worker machine.

See ``executors`` for what travels and why. Each worker machine needs the course's environment
(this package, ``helpers``, the kernel's libraries) and bubblewrap, like the grading machine of a
local run; it needs no course files.
"""
import concurrent.futures
import pathlib
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid

from distributed import Client, get_worker, wait
from distributed.diagnostics.plugin import WorkerPlugin

from autograder import pool
from autograder.executors import ClusterUnavailable, pack, unpack
from autograder.jobs import Job

# How long a grader tries to reach the scheduler, then waits for a first worker, before it gives up.
CONNECT_SECONDS = 30
WORKER_WAIT_SECONDS = 60

# -- on a worker machine ----------------------------------------------------------------
def _tied(argv):
    """``argv`` run so that it is killed when the process that starts it dies.

    util-linux's ``setpriv`` sets the parent-death signal and execs ``argv``: done in the child
    by a ``preexec_fn`` instead, it could deadlock in a threaded Dask worker (a lock held by
    another thread at the fork). Without setpriv, the worker only ends after its current job.
    """
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "KILL", "--", *argv] if setpriv else list(argv)


class TiedWorkerProcess(pool.WorkerProcess):
    """A serving worker that dies with the Dask worker process (and its sandbox with it).

    The local pool needs no such tie: its grader ends its workers itself. A Dask worker can be
    killed from outside; its job then reruns elsewhere, and this copy must not go on beside it.
    """

    def start(self):
        if self.proc is not None and self.proc.poll() is None:
            return
        with open(self.log, "ab") as err:
            self.proc = subprocess.Popen(_tied([sys.executable, "-m", "autograder.worker", "--serve"]),
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                         cwd=self.staging, bufsize=0)
        self._buffer = b""


class SandboxSlots(WorkerPlugin):
    """On each Dask worker: serving worker processes, one per task running at once, and their
    staging directory. Registered by the grader; its teardown ends them all. With ``prestart``
    they start at once, one per worker thread (their imports overlap with the grader's planning),
    as the local pool's do; otherwise with the first job of each."""

    def __init__(self, prestart=False):
        self.prestart = prestart

    def setup(self, worker=None):
        # A worker that joins after the grader's check is checked here: its jobs get a reason.
        self.address = getattr(worker, "address", "?")
        self.sandbox_problem = _sandbox_problem()
        # In the worker's own folder, which Dask removes with the worker even when it is killed
        # (teardown never runs then): a cluster of many runs leaves nothing behind in /tmp.
        self.staging = pathlib.Path(tempfile.mkdtemp(prefix="autograder-", dir=getattr(worker, "local_directory", None)))
        self._idle = queue.SimpleQueue()
        self._all = []
        self._lock = threading.Lock()
        for _ in range(getattr(getattr(worker, "state", None), "nthreads", 1) if self.prestart else 0):
            slot = self._slot()
            slot.start()
            self._idle.put(slot)

    def teardown(self, worker=None):
        for slot in self._all:
            slot.kill()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _slot(self):
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                slot = TiedWorkerProcess(self.staging, f"d{len(self._all)}")
                self._all.append(slot)
            return slot

    def run(self, payload):
        """Run one packed job; returns ``(notebook bytes or None, record dict)``."""
        if payload["sandbox"] and self.sandbox_problem:
            return None, {"status": "worker_failed", "reason": f"the cluster's worker {self.address} cannot start "
                                                                f"a sandbox: {self.sandbox_problem.splitlines()[0]}"}
        slot = self._slot()
        folder = pathlib.Path(tempfile.mkdtemp(prefix="job-", dir=self.staging))
        try:
            notebook = folder / "in.ipynb"
            notebook.write_bytes(payload["notebook"])
            (folder / "data").mkdir()
            data_files = []
            for name, content in payload["data_files"].items():
                path = folder / "data" / pathlib.Path(name).name
                path.write_bytes(content)
                data_files.append(str(path))
            job = Job(**dict(payload, notebook=str(notebook), data_files=tuple(data_files),
                             output=str(folder / "out.ipynb")))
            result = slot.run(job)
            executed = result.pop("notebook", None)
            if executed is None:
                return None, result
            import nbformat

            return nbformat.writes(executed).encode(), result
        finally:
            (self.staging / f"{payload['name']}.job.json").unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            self._idle.put(slot)


def run_packed(payload, slots_name):
    """The Dask task: run ``payload`` (see ``pack``) in this worker's sandbox slots."""
    return get_worker().plugins[slots_name].run(payload)


def _sandbox_problem():
    """On a worker: why bubblewrap cannot be used there, or None."""
    from autograder import sandbox

    try:
        sandbox.check_available()
    except sandbox.SandboxUnavailable as err:
        return str(err)
    return None


# -- on the grader ------------------------------------------------------------------------
class DaskPool:
    """Jobs sent to the Dask scheduler at ``address``; ``submit(job)`` as ``pool.Pool.submit``.

    Raises ``ClusterUnavailable`` when the scheduler cannot be reached, no worker joins within
    ``WORKER_WAIT_SECONDS``, or (with ``sandbox``) a worker has no working bubblewrap.
    The solutions (``label == "ref"``) go first: their records are needed to judge anything.
    """

    def __init__(self, address, label, sandbox=True):
        try:
            self._client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError) as err:
            raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {err}") from err
        try:
            self._client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
            if sandbox:
                problems = {w: p for w, p in self._client.run(_sandbox_problem).items() if p}
                if problems:
                    raise ClusterUnavailable("workers without a working sandbox: " + "; ".join(
                        f"{w}: {p.splitlines()[0]}" for w, p in sorted(problems.items())))
            self._slots = f"autograder-{label}-{uuid.uuid4().hex[:12]}"
            self._client.register_plugin(SandboxSlots(prestart=label != "ref"), name=self._slots)
        except ClusterUnavailable:
            self._client.close()
            raise
        except (OSError, TimeoutError) as err:
            self._client.close()
            raise ClusterUnavailable(f"the Dask cluster at {address} is not ready: {err}") from err
        self._priority = 1 if label == "ref" else 0
        self._remote = {}  # key -> the Dask future of a job under way (its result is held while referenced)
        self._lock = threading.Lock()

    def submit(self, job):
        done = concurrent.futures.Future()
        done.set_running_or_notify_cancel()
        key = f"{job.name}-{uuid.uuid4().hex}"
        with self._lock:
            remote = self._remote[key] = self._client.submit(run_packed, pack(job), self._slots, key=key,
                                                             pure=False, priority=self._priority)
        remote.add_done_callback(lambda f: self._finish(f, job, done))
        return done

    def _finish(self, remote, job, done):
        with self._lock:
            self._remote.pop(remote.key, None)
        try:
            notebook, record = remote.result()
            result = unpack(job, notebook, record)
        except BaseException as err:  # noqa: BLE001 - any failure is a reason, never a lost submission
            result = {"status": "worker_failed",
                      "reason": f"the cluster could not run it ({type(err).__name__}: {err})"[:500]}
        done.set_result(result)

    def close(self, kill=False):
        """Wait for the jobs under way (or, with ``kill``, cancel them), then let the workers'
        serving processes go."""
        try:
            with self._lock:
                remote = list(self._remote.values())
            if kill:
                self._client.cancel(remote, force=True)
            else:
                wait(remote)
            self._client.unregister_worker_plugin(self._slots)
        except Exception:  # noqa: BLE001 - a cluster gone already has nothing left to end
            pass
        finally:
            self._client.close()

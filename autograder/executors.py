"""Where the grading jobs run: the local pool of serving workers, or a Dask cluster.

Both executors take a ``jobs.Job`` and have one interface: ``submit(job)``
returns a ``concurrent.futures.Future`` whose result is what ``pool.WorkerProcess.run`` returns
(``status``, ``reason``, ``executed``, ``seconds`` and, when the run got that far, ``notebook``),
never an exception; ``close(kill=False)`` ends them. ``make_pool`` picks one from the options.

On a cluster (``--scheduler tcp://HOST:PORT``) the worker machines share no disk with the grader:

- the staged notebook and the assignment's public files travel with the task, as bytes;
- on the worker, a ``cluster.SandboxSlots`` plugin writes them to a directory of its own and runs the
  job in a serving ``autograder.worker`` process exactly as the local pool does (same bubblewrap
  sandbox and limits): the student's code never runs in the Dask worker process, and its kernel
  has no network, so nothing it does reaches the scheduler or another job;
- the executed notebook (bytes) and its records come back, and the grader writes them where the
  local pool's worker would have (``job["output"]``), so the gradebook, ``autograded/`` and
  ``feedback/`` are still written by the one grader process.

A worker that dies mid-job takes its serving worker and sandbox along (a parent-death signal);
the scheduler reruns the task on another worker (up to its ``allowed-failures``), and the grader
takes the one result the scheduler delivers for each task: every submission is recorded once.
"""
import json
import pathlib

from autograder import pool


class ClusterUnavailable(RuntimeError):
    """The scheduler cannot be reached, has no worker, or a worker cannot sandbox."""


def make_pool(options, slots, staging, label):
    """The executor ``options`` ask for: a Dask cluster when ``options.scheduler`` is set, else
    ``slots`` local serving workers. ``label`` names the pool's workers (``ref``, ``sub``)."""
    scheduler = getattr(options, "scheduler", "") or ""
    if scheduler:
        from autograder import cluster  # only here: dask.distributed takes a second to import

        return cluster.DaskPool(scheduler, label, sandbox=options.sandbox)
    return pool.Pool(slots, staging, label)


# -- what travels --------------------------------------------------------------------------
def pack(job):
    """The job as the worker needs it on a machine that shares no disk: files become bytes.

    Returns a dict: ``notebook`` (bytes), ``data_files`` ({file name: bytes}) and the job's
    limits; the grader's own paths (``output``) stay here.
    """
    payload = {k: v for k, v in job.to_dict().items() if k not in ("notebook", "output", "data_files")}
    payload["notebook"] = pathlib.Path(job.notebook).read_bytes()
    payload["data_files"] = {pathlib.Path(f).name: pathlib.Path(f).read_bytes() for f in job.data_files}
    return payload


def unpack(job, notebook, record):
    """Write what came back where a local worker writes it; returns ``pool.WorkerProcess.run``'s dict.

    ``notebook``: the executed notebook as bytes (None when the run produced none); ``record``:
    the rest of the worker's result (status, reason, executed, seconds).
    """
    if notebook is None:
        return dict(record)
    import nbformat

    output = pathlib.Path(job.output)
    output.write_bytes(notebook)
    pathlib.Path(f"{output}.json").write_text(json.dumps(record))
    return dict(record, notebook=nbformat.reads(notebook.decode(), as_version=4))

"""A job: one notebook to execute in a sandbox, under the run's limits.

The executors (``executors``: the local ``pool`` or the Dask ``cluster``) take a ``Job`` and give
back the worker's result dict; the worker process itself reads the job as JSON (``to_dict``).
"""
import dataclasses
import pathlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str                      # unique in the run; names the files beside ``output``
    notebook: str                  # path of the notebook to execute (staged, sanitized)
    output: str                    # path of the executed notebook; its result record is ``output + ".json"``
    cell_timeout: float            # seconds a single cell may run
    time_limit: float              # seconds the whole notebook may run
    memory: int                    # bytes of memory the kernel may use
    sandbox: bool                  # run the kernel in bubblewrap
    data_files: tuple = ()         # paths of the files the kernel may read (public files, the student's own)
    threads: int | None = None     # BLAS threads in the kernel; None: the library's own choice

    @classmethod
    def make(cls, name, notebook, data_files, staging, options, threads):
        """The job that runs ``notebook`` under ``options`` (``options.Options``); its output goes to
        ``staging/NAME.out.ipynb``."""
        return cls(name=name, notebook=str(notebook), output=str(pathlib.Path(staging) / f"{name}.out.ipynb"),
                   cell_timeout=options.cell_timeout, time_limit=options.time_limit, memory=options.memory,
                   sandbox=options.sandbox, data_files=tuple(str(f) for f in data_files), threads=threads)

    def to_dict(self):
        """The job as ``worker.run`` reads it (JSON-able: lists, not tuples)."""
        return dict(dataclasses.asdict(self), data_files=list(self.data_files))

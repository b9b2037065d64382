"""What the instructor asked for: the options of ``python -m autograder grade``.

The defaults of the tunable ones come from ``config.GradeOptions`` (written there only);
``config.load`` reads them from ``nbgrader_config.py`` and the command line.
"""
from dataclasses import dataclass

from autograder import config, sandbox

_DEFAULTS = config.defaults()


@dataclass
class Options:
    assignments: tuple = ()
    students: tuple = ()
    jobs: int = _DEFAULTS["jobs"]
    cell_timeout: float = _DEFAULTS["cell_timeout"]          # seconds
    time_limit: float = _DEFAULTS["time_limit"]              # seconds
    memory: int = int(_DEFAULTS["memory"] * sandbox.GIB)     # bytes
    sandbox: bool = True
    feedback: bool = True
    progress: bool = True
    scheduler: str = _DEFAULTS["scheduler"]  # a Dask scheduler's address (tcp://HOST:PORT); empty: the local pool

    @classmethod
    def from_config(cls, grade_options, **rest):
        """From a ``config.GradeOptions`` (memory in GiB) and the other fields by name."""
        g = grade_options
        return cls(jobs=g.jobs, cell_timeout=g.cell_timeout, time_limit=g.time_limit,
                   memory=int(g.memory * sandbox.GIB), scheduler=g.scheduler, **rest)

"""What the instructor asked for: the options of ``python -m autograder grade``."""
import os
from dataclasses import dataclass

from autograder import sandbox


@dataclass
class Options:
    assignments: tuple = ()
    students: tuple = ()
    jobs: int = os.cpu_count() or 1
    cell_timeout: float = 120.0
    time_limit: float = 900.0
    memory: int = 2 * sandbox.GIB
    sandbox: bool = True
    feedback: bool = True
    progress: bool = True
    scheduler: str = ""      # a Dask scheduler's address (tcp://HOST:PORT); empty: the local pool

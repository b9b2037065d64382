"""Put the cores to work while the grader is still importing nbgrader (about a second).

Before ``grade`` and its heavy imports are loaded, ``start`` creates the staging directory,
starts the worker processes (their own imports then overlap with the grader's) and, for every
assignment about to be graded whose solution's records are not cached, the run of that solution.
Only light modules are used here; the course layout comes from ``nbgrader_config.py`` read by
traitlets alone. Everything started here is a guess that ``grade`` checks against the gradebook:
a solution run it does not need is ignored, one it needs but was not started here it starts itself.
"""
import pathlib
import shutil
import tempfile
from dataclasses import dataclass, field

from autograder import executors, pool, reference


@dataclass
class Started:
    staging: str
    ref_pool: pool.Pool = None   # or cluster.DaskPool (executors.make_pool)
    sub_pool: pool.Pool = None
    solutions: dict = field(default_factory=dict)   # (assignment, notebook) -> (source path, job, future)

    def close(self, kill=False):
        for p in (self.ref_pool, self.sub_pool):
            if p is not None:
                p.close(kill=kill)
        self.ref_pool = self.sub_pool = None


def _directories(root):
    """(source, submitted) directories as ``nbgrader_config.py`` names them (nbgrader's defaults otherwise)."""
    names = {"source_directory": "source", "submitted_directory": "submitted"}
    config_file = root / "nbgrader_config.py"
    if config_file.exists():
        from traitlets.config.loader import PyFileConfigLoader

        cfg = PyFileConfigLoader(config_file.name, path=str(root)).load_config()
        for key in names:
            value = cfg.get("CourseDirectory", {}).get(key)
            if isinstance(value, str):
                names[key] = value
    return root / names["source_directory"], root / names["submitted_directory"]


def _wanted(submitted, options):
    """{assignment: number of submissions on disk} for what is about to be graded."""
    students = [p for p in submitted.iterdir() if p.is_dir()] if submitted.is_dir() else []
    if options.students:
        students = [p for p in students if p.name in options.students]
    counts = {}
    for student in students:
        for folder in student.iterdir():
            if folder.is_dir() and (not options.assignments or folder.name in options.assignments):
                counts[folder.name] = counts.get(folder.name, 0) + 1
    return counts


def start(root, options):
    """Staging directory, worker pools and solution runs started ahead; never raises.

    Returns a ``Started`` (possibly with nothing started but the staging directory).
    """
    started = Started(staging=tempfile.mkdtemp(prefix="autograder-"))
    try:
        source, submitted = _directories(pathlib.Path(root))
        wanted = _wanted(submitted, options)
        for assignment in sorted(wanted):
            folder = source / assignment
            for source_nb in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
                if reference.load(root, assignment, source_nb, options) is not None:
                    continue
                # Paths as text: the job travels to the worker as JSON.
                data = [str(p) for p in folder.iterdir() if p.is_file() and p.suffix != ".ipynb"]
                job = pool.make_job(f"ref-{assignment}-{source_nb.stem}", source_nb, data, started.staging,
                                    options, threads=1)
                if started.ref_pool is None:
                    started.ref_pool = executors.make_pool(options, 1, started.staging, "ref")
                started.solutions[assignment, source_nb.stem] = (source_nb, job, started.ref_pool.submit(job))
        submissions = sum(wanted.values())
        if submissions:
            started.sub_pool = executors.make_pool(options, max(1, min(options.jobs, submissions)), started.staging, "sub")
    except Exception:  # noqa: BLE001 - a wrong guess here only costs time: grade starts what it needs
        started.close(kill=True)
        started.solutions.clear()
    return started


def discard(started):
    """End whatever is still running and remove the staging directory."""
    started.close(kill=True)
    shutil.rmtree(started.staging, ignore_errors=True)

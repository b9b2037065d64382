"""Grade every submission: plan once, execute in parallel sandboxes, record from here alone.

1. **Plan** (``plan``): the assignments asked for (or all under ``submitted/``), their notebooks
   as the gradebook knows them, and one ``course.Submission`` per student folder. Nothing is
   started before this.
2. **Schedule** (``schedule.Schedule``): each solution whose records are not cached
   (``reference``) runs in a slot of its own; the submissions' executor (``jobs`` serving
   workers, or the Dask cluster) starts.
3. **Stage** (``staging.Staging``): serially, each submitted notebook is read, repaired and
   sanitized the way ``nbgrader autograde`` does it, and its job handed to the executor as soon
   as it is ready; the workers run them in sandboxes (``worker``) meanwhile.
4. **Record** (``recording.Recorder``): as each submission's results come in (and its solution's
   records), nbgrader's own autograde converter runs for it, in the main thread, with its
   ``Execute`` step replaced by ``UsePreExecuted`` + ``JudgeEvidence`` (``preprocessors``): the
   gradebook and ``autograded/`` are written by nbgrader, from this thread only, one submission at
   a time, while the workers go on. Then its feedback.
"""
import pathlib
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field

from sqlalchemy.exc import SAWarning
from tqdm import tqdm

from autograder import course, preprocessors, recording, reference, schedule, staging

# nbgrader's gradebook code trips SQLAlchemy's autoflush warnings on new submissions: noise only.
warnings.filterwarnings("ignore", category=SAWarning)
warnings.filterwarnings("ignore", message="Cell is missing an id field")


class GradingError(RuntimeError):
    """Grading cannot start or cannot go on (unknown assignment, a solution that fails...)."""


@dataclass
class Plan:
    """What one run grades: ``{assignment: [notebook ids]}`` and the submissions found for them."""
    notebooks: dict = field(default_factory=dict)
    submissions: list = field(default_factory=list)

    @property
    def notebook_count(self):
        return sum(len(sub.notebooks) for sub in self.submissions)


def plan(api, options, unpacked=None):
    """The ``Plan`` for ``options.assignments`` and ``options.students`` (empty: all of them).
    ``unpacked``: where zip archives handed in instead of notebooks may be opened (none without).

    Raises ``GradingError`` for an assignment the gradebook does not know, and for a student
    asked for who handed in none of them (a typo: the message names the closest ones).
    """
    found, seen = Plan(), set()
    for assignment in list(options.assignments) or course.submitted_assignments(api):
        notebooks = course.gradebook_notebooks(api, assignment)
        if notebooks is None:
            raise GradingError(f"assignment {assignment!r} is not in the gradebook: run "
                               f"`nbgrader generate_assignment {assignment}` first")
        found.notebooks[assignment] = notebooks
        everyone = course.find_submissions(api, assignment, notebooks, unpacked=unpacked)
        found.submissions += [s for s in everyone if not options.students or s.student in options.students]
        seen |= {sub.student for sub in everyone}
    unknown = [s for s in options.students if s not in seen]
    if unknown:
        raise GradingError(unknown_students(unknown, sorted(seen), ", ".join(found.notebooks) or "any assignment"))
    return found


def unknown_students(unknown, known, assignment):
    """The message for ``--student`` names without a submission of ``assignment`` (a typo?)."""
    import difflib

    parts = []
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        parts.append(repr(name) + (f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""))
    shown = ", ".join(known[:20]) + (f" and {len(known) - 20} more" if len(known) > 20 else "")
    return (f"no submission of {assignment} by {', '.join(parts)} under submitted/; "
            f"students with one: {shown or 'none'}")


class Grader:
    """One grading run of the course at ``root`` (``options``: ``options.Options``)."""

    def __init__(self, root, options):
        self.root = pathlib.Path(root).resolve()
        self.options = options
        self.store = preprocessors.RunStore()      # what the preprocessors read, this run only
        self.api = course.make_api(self.root, self.store)
        self.references = {}                       # (assignment, notebook) -> {"records", "failed", "problem"}

    def _solution_runs(self, the_plan, stage):
        """Load the cached records of each solution; returns ``[(key, job)]`` of the others' runs."""
        runs = []
        for assignment, notebooks in the_plan.notebooks.items():
            for nb in notebooks:
                try:
                    job = stage.solution_job(assignment, nb)
                except FileNotFoundError as err:
                    raise GradingError(str(err)) from None
                cached = reference.load(self.root, assignment, job.notebook, self.options)
                if cached is not None:
                    self.references[assignment, nb] = cached
                else:
                    runs.append(((assignment, nb), job))
        return runs

    def run(self, directory, while_waiting=None):
        """Grade the plan with ``directory`` as the staging directory; returns the submissions.

        ``while_waiting`` is called once everything is under way, before the first results can
        be in. The executors are ended (not waited for) when the run ends or fails.
        """
        the_plan = plan(self.api, self.options, unpacked=pathlib.Path(directory) / "unpacked")
        stage = staging.Staging(self.api, self.options, directory)
        jobs = schedule.Schedule(self.options, str(directory))
        recorder = recording.Recorder(self.api, self.options, self.store)
        real_submitted = self.api.coursedir.submitted_directory
        bar = tqdm(total=len(the_plan.submissions), desc="grading", unit="sub", disable=not self.options.progress)
        try:
            # nbgrader's autograde reads the staged copies: normalized, never the student's files.
            self.api.coursedir.submitted_directory = str(stage.submitted)
            solutions = self._solution_runs(the_plan, stage)
            jobs.start(len(solutions), the_plan.notebook_count)
            for key, job in solutions:
                jobs.solution(key, job)
            # One BLAS thread per kernel when kernels run side by side (they would fight over cores).
            threads = 1 if self.options.jobs > 1 or solutions else None
            staged = set()
            for key, job in stage.submission_jobs(the_plan.submissions, threads):
                staged.add(key)
                jobs.submission(key, job)
            if while_waiting is not None:
                while_waiting()
            results, waiting = {}, list(the_plan.submissions)
            for kind, key, result in jobs.results():
                if kind == "solution":
                    self._store_reference(key, result)
                else:
                    results[key] = result
                waiting = self._record_ready(waiting, staged, results, recorder, bar)
            self._record_ready(waiting, staged, results, recorder, bar)
        finally:
            bar.close()
            self.api.coursedir.submitted_directory = real_submitted
            # What is still running here is not needed (or grading failed): ended, not waited for.
            jobs.close(kill=True)
        return the_plan.submissions

    def _store_reference(self, key, result):
        assignment, nb = key
        source_nb = self.root / self.api.coursedir.source_directory / assignment / f"{nb}.ipynb"
        self.references[assignment, nb] = reference.store(self.root, assignment, source_nb, result, self.options)

    def _record_ready(self, waiting, staged, results, recorder, bar):
        """Record each waiting submission whose notebooks and solutions are all in; returns the rest."""
        still = []
        for sub in waiting:
            keys = [(sub.assignment, sub.student, nb) for nb in sub.notebooks]
            if all(k not in staged or k in results for k in keys) and \
                    all((sub.assignment, nb) in self.references for nb in sub.notebooks):
                recorder.record(sub, results, self.references)
                if self.options.feedback:
                    recorder.feedback(sub)
                bar.update(1)
            else:
                still.append(sub)
        return still


def gradebook_of(root):
    """``(db_url, course_id)`` of the course's gradebook, for ``report.write``."""
    coursedir = course.make_api(root).coursedir
    return coursedir.db_url, coursedir.course_id


def grade(root, options, while_waiting=None):
    """Grade everything ``options`` asks for; returns the list of ``course.Submission``.

    The staging directory is made here and removed at the end. ``while_waiting``: work for the
    main thread once every notebook is running (``Grader.run``). Raises ``GradingError`` (and
    ``executors.ClusterUnavailable`` with a scheduler) when grading cannot start.
    """
    directory = tempfile.mkdtemp(prefix="autograder-")
    try:
        return Grader(root, options).run(directory, while_waiting)
    finally:
        shutil.rmtree(directory, ignore_errors=True)

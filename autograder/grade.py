"""Grade every submission: execute in parallel sandboxes, then write the gradebook from here alone.

1. Each assignment's solution, when its evidence is not cached yet (``reference``), starts at
   once in a worker slot of its own. Then, serially, each submitted notebook is read and
   sanitized the way ``nbgrader autograde`` does it (locked and test cells restored from the
   gradebook) and handed to the pool as soon as it is ready. A file that is not a notebook is noted.
2. In parallel (``jobs`` long-lived worker processes, ``pool``), each sanitized notebook runs in
   its own sandbox (``worker``).
3. As each submission's results come in (and its solution's records), nbgrader's own autograde
   converter runs for it, in the main thread, with its ``Execute`` step replaced by
   ``UsePreExecuted`` + ``JudgeEvidence`` (``preprocessors``): the gradebook and ``autograded/``
   are written by nbgrader, from this thread only, one submission at a time, while the workers
   go on. Then its feedback.
"""
import concurrent.futures
import pathlib
import shutil
import warnings

import nbformat
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning
from tqdm import tqdm

from autograder import course, early, executors, explain, files, pool, preprocessors, reference, sandbox, scan, stage
from autograder.options import Options  # noqa: F401 - grade.Options, as callers know it

# nbgrader's gradebook code trips SQLAlchemy's autoflush warnings on new submissions: noise only.
warnings.filterwarnings("ignore", category=SAWarning)
warnings.filterwarnings("ignore", message="Cell is missing an id field")


class GradingError(RuntimeError):
    """Grading cannot start or cannot go on (unknown assignment, a solution that fails...)."""


class Grader:
    def __init__(self, root, options):
        self.root = pathlib.Path(root).resolve()
        self.options = options
        self.api = course.make_api(self.root, grading=True)
        self.references = {}                       # (assignment, notebook) -> {grade_id: records}
        self.submissions = []

    # -- 1. what there is to grade -------------------------------------------------------
    def collect(self):
        wanted = list(self.options.assignments) or course.submitted_assignments(self.api)
        plan = {}
        for assignment in wanted:
            notebooks = course.gradebook_notebooks(self.api, assignment)
            if notebooks is None:
                raise GradingError(f"assignment {assignment!r} is not in the gradebook: run "
                                   f"`nbgrader generate_assignment {assignment}` first")
            plan[assignment] = notebooks
            self.submissions += [s for s in course.find_submissions(self.api, assignment, notebooks)
                                 if not self.options.students or s.student in self.options.students]
        return plan

    # -- 2. the jobs ---------------------------------------------------------------------
    def reference_jobs(self, plan, started):
        """``{key: (job, future)}`` for the solutions whose records are not cached yet.

        The cached records are loaded; a run ``early`` started for the same source notebook is
        used as it is, any other is started now.
        """
        runs = {}
        for assignment, notebooks in plan.items():
            source_dir = self.root / self.api.coursedir.source_directory / assignment
            for nb in notebooks:
                source_nb = source_dir / f"{nb}.ipynb"
                if not source_nb.exists():
                    raise GradingError(f"{source_nb} is missing: the solution decides the points")
                cached = reference.load(self.root, assignment, source_nb, self.options)
                if cached is not None:
                    self.references[assignment, nb] = cached
                    continue
                ahead = started.solutions.get((assignment, nb))
                if ahead is not None and ahead[0] == source_nb:
                    runs[("reference", assignment, nb)] = ahead[1:]
                    continue
                data = [str(p) for p in source_dir.iterdir() if p.is_file() and p.suffix != ".ipynb"]
                job = pool.make_job(f"ref-{assignment}-{nb}", source_nb, data, started.staging, self.options, threads=1)
                if started.ref_pool is None:
                    started.ref_pool = executors.make_pool(self.options, 1, started.staging, "ref")
                runs[("reference", assignment, nb)] = (job, started.ref_pool.submit(job))
        return runs

    def submission_jobs(self, staging, threads):
        """Stage each submission; yields ``(key, job)`` as each notebook is ready to run."""
        count = 0
        for sub in self.submissions:
            public = course.public_files(self.api, sub.assignment)
            folder = pathlib.Path(staging) / "submitted" / sub.student / sub.assignment
            folder.mkdir(parents=True)
            own = files.stage_own_files(sub, folder, public)
            if own.note:
                sub.notes.append(own.note)
            data = public + own.entries
            for nb, path in sub.notebooks.items():
                clean = self._stage(sub, nb, path, folder / f"{nb}.ipynb")
                if clean is None:
                    continue
                sub.flags += [f"code {label}" for label in scan.suspicious(clean) if f"code {label}" not in sub.flags]
                name = f"sub-{count}"
                count += 1
                staged = pathlib.Path(staging) / f"{name}.in.ipynb"
                nbformat.write(clean, str(staged))
                yield ("submission", sub.assignment, sub.student, nb), pool.make_job(name, staged, data, staging,
                                                                                     self.options, threads)

    def _release(self, assignment, nb_id):
        path = self.root / self.api.coursedir.release_directory / assignment / f"{nb_id}.ipynb"
        try:
            return stage.read_notebook(path) if path.exists() else None
        except Exception:  # noqa: BLE001 - without the release only the repairs that need none run
            return None

    def _stage(self, sub, nb_id, path, staged):
        """Copy a submitted notebook where nbgrader will read it; returns it sanitized for execution.

        The notebook is repaired first (``stage.repair``: editors' metadata, copied, stripped
        and deleted cells), each repair noted. A notebook that is missing, is no notebook, or
        that nbgrader cannot sanitize even so is replaced by the unmodified release (which scores
        zero) and None is returned: there is nothing to run.
        """
        if path is None or not pathlib.Path(path).is_file():
            sub.status[nb_id] = "missing"
            if not sub.reasons or not sub.reasons[-1].startswith("nothing to grade"):
                sub.reasons.append(f"{nb_id}.ipynb was not submitted")
            return None
        try:
            nb = stage.read_notebook(path)
        except Exception as err:  # noqa: BLE001 - any unreadable file is a reason, not a crash
            return self._invalid(sub, nb_id, staged, f"{pathlib.Path(path).name} is not a notebook "
                                 f"(not JSON nbformat can read: {type(err).__name__})")
        try:
            nb, notes = stage.repair(nb, self._release(sub.assignment, nb_id),
                                     course.known_cell_ids(self.api, sub.assignment, nb_id))
            sub.notes += [f"{nb_id}: {n}" for n in notes]
            # Nothing could be matched to the release: grading goes on, but the instructor must look.
            sub.reasons += [f"{nb_id}: {n}" for n in notes if n.startswith(stage.NO_METADATA)]
            clean = course.sanitize(self.api, sub.assignment, sub.student, nb_id, nb)
            nbformat.write(nb, str(staged))
            return clean
        except Exception as err:  # noqa: BLE001
            return self._invalid(sub, nb_id, staged, f"nbgrader cannot grade {pathlib.Path(path).name} even "
                                 f"after repairs ({explain.shorten(f'{type(err).__name__}: {err}', 160)})")

    def _invalid(self, sub, nb_id, staged, why):
        sub.status[nb_id] = "invalid"
        sub.reasons.append(f"{why}: graded as the unmodified release")
        release = self.root / self.api.coursedir.release_directory / sub.assignment / f"{nb_id}.ipynb"
        if release.exists():
            shutil.copy(release, staged)
        return None

    def process(self, plan, started, while_waiting=None):
        """Run everything in parallel; grade each submission here as soon as its results are in.

        The solutions (when their records are not cached) run in a slot of their own, beside the
        first ``jobs`` submissions rather than before them: their records are needed only to
        judge. The gradebook is written only from this (the main) thread, one submission at a
        time, while the workers go on executing the next notebooks. ``while_waiting`` is called
        once everything is under way, before the first results can be in.
        """
        results, jobs, futures = {}, {}, {}
        waiting = list(self.submissions)
        bar = tqdm(total=len(self.submissions), desc="grading", unit="sub", disable=not self.options.progress)
        try:
            refs = self.reference_jobs(plan, started)
            for key, (job, future) in refs.items():
                jobs[key], futures[future] = job, key
            notebooks = sum(len(sub.notebooks) for sub in self.submissions)
            if notebooks and started.sub_pool is None:
                started.sub_pool = executors.make_pool(self.options, max(1, min(self.options.jobs, notebooks)),
                                                       started.staging, "sub")
            # One BLAS thread per kernel when kernels run side by side (they would fight over cores).
            threads = 1 if self.options.jobs > 1 or refs else None
            for key, job in self.submission_jobs(started.staging, threads):
                jobs[key] = job
                futures[started.sub_pool.submit(job)] = key
            if while_waiting is not None:
                while_waiting()
            for future in concurrent.futures.as_completed(futures):
                key = futures[future]
                results[key] = future.result()
                if key[0] == "reference":
                    self._store_reference(key, results[key])
                waiting = self._grade_ready(waiting, jobs, results, bar)
            self._grade_ready(waiting, jobs, results, bar)
        finally:
            bar.close()

    def _store_reference(self, key, result):
        _, assignment, nb = key
        source_nb = self.root / self.api.coursedir.source_directory / assignment / f"{nb}.ipynb"
        self.references[assignment, nb] = reference.store(self.root, assignment, source_nb, result, self.options)

    def _grade_ready(self, waiting, jobs, results, bar):
        still = []
        for sub in waiting:
            keys = [("submission", sub.assignment, sub.student, nb) for nb in sub.notebooks]
            if all(k not in jobs or k in results for k in keys) and \
                    all((sub.assignment, nb) in self.references for nb in sub.notebooks):
                self.grade_one(sub, results)
                if self.options.feedback:
                    self.feedback_one(sub)
                bar.update(1)
            else:
                still.append(sub)
        return still

    def grade_one(self, sub, results):
        staged_folder = pathlib.Path(self.api.coursedir.submitted_directory) / sub.student / sub.assignment
        for nb in sub.notebooks:
            key = (sub.assignment, sub.student, nb)
            result = results.get(("submission", *key))
            ref = self.references.get((sub.assignment, nb), {})
            if ref.get("problem") and ref["problem"] not in sub.notes:
                sub.notes.append(ref["problem"])
            prepared = {"reference": ref.get("records", {}), "unrecorded": ref.get("failed", {}), "verdicts": {}}
            if result is not None:
                sub.status[nb] = result["status"]
                sub.seconds += result.get("seconds", 0.0)
                sub.budget = result.get("budget") or sub.budget
                if result.get("reason"):
                    sub.reasons.append(f"{nb}: {result['reason']}")
                executed = result.get("notebook")
                if result.get("timeouts") and sub.status[nb] == "ok":
                    sub.status[nb] = "cell_timeout"
                for index in result.get("timeouts", []):
                    cell = executed.cells[index] if executed is not None and index < len(executed.cells) else None
                    name = stage.grade_id(cell) if cell is not None else None
                    sub.reasons.append(f"{nb}: {name or f'cell {index}'} ran longer than the cell time limit "
                                       f"of {self.options.cell_timeout:g} s (--cell-timeout) and was stopped")
                files.add_written(result.get("files"), staged_folder)
                prepared.update(notebook=executed, reason=result.get("reason"))
            preprocessors.PREPARED[key] = prepared
        if all(s == "missing" for s in sub.status.values()):
            self._zero(sub)
        else:
            outcome = self.api.autograde(sub.assignment, sub.student, force=True, create=True)
            if not outcome["success"]:
                last = (outcome.get("error") or outcome.get("log") or "").strip().splitlines()[-1:]
                sub.reasons.append("nbgrader autograde failed: " + " ".join(last))
                for nb in sub.notebooks:
                    sub.status[nb] = "not_graded" if sub.status.get(nb) == "ok" else sub.status.get(nb, "not_graded")
            self._zero(sub)  # test cells nbgrader did not see (deleted, renamed) score zero
        self._collect(sub)
        for nb in sub.notebooks:
            preprocessors.PREPARED.pop((sub.assignment, sub.student, nb), None)  # the executed copy: memory

    def _zero(self, sub):
        """Autograded cells without a score get zero; answers left for hand grading stay so."""
        with Gradebook(self.api.coursedir.db_url, self.api.coursedir.course_id) as gb:
            gb.update_or_create_student(sub.student)
            submission = gb.update_or_create_submission(sub.assignment, sub.student)
            for notebook in submission.notebooks:
                lost = sub.status.get(notebook.name) in ("missing", "invalid")
                answers = {cell.name for cell in notebook.notebook.solution_cells}  # graded by hand
                for grade in notebook.grades:
                    autograded = grade.cell.cell_type == "code" and grade.name not in answers
                    if grade.auto_score is None and (autograded or lost):
                        grade.auto_score, grade.needs_manual_grade = 0, False
            gb.db.commit()

    def _collect(self, sub):
        verdicts = {nb: preprocessors.PREPARED.get((sub.assignment, sub.student, nb), {}).get("verdicts", {})
                    for nb in sub.notebooks}
        with Gradebook(self.api.coursedir.db_url, self.api.coursedir.course_id) as gb:
            submission = gb.find_submission(sub.assignment, sub.student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    pending = bool(grade.needs_manual_grade) and grade.manual_score is None
                    sub.scores[notebook.name, grade.name] = (grade.score, grade.max_score, pending)
                    if not pending and not grade.score and grade.max_score and \
                            sub.status.get(notebook.name) not in ("missing", "invalid"):
                        sub.reasons.append(f"{grade.name}: 0 points: "
                                           f"{explain.zero(grade, verdicts[notebook.name].get(grade.name))}")
        for nb in sub.notebooks:
            for grade_id, v in verdicts[nb].items():
                if v.get("mistake"):
                    sub.mistakes[grade_id] = v["mistake"]
                # An honest failure fails in the kernel too; only a disagreement is news.
                if v["kernel_passed"] and not v["judge_passed"]:
                    sub.flags.append(f"{grade_id}: kernel passed, judge failed")
                if v.get("stderr_forgiven"):
                    sub.notes.append(f"{grade_id}: the student's code wrote to stderr (a warning?); the judge "
                                     "accepted every value, so it cost nothing")

    def feedback_one(self, sub):
        if any(s != "missing" for s in sub.status.values()):
            outcome = self.api.generate_feedback(sub.assignment, sub.student, force=True)
            if not outcome["success"]:
                sub.reasons.append("feedback could not be generated")

    def run(self, started, while_waiting=None):
        plan = self.collect()
        real_submitted = self.api.coursedir.submitted_directory
        try:
            # nbgrader's autograde reads the staged copies: normalized, never the student's files.
            self.api.coursedir.submitted_directory = str(pathlib.Path(started.staging) / "submitted")
            self.process(plan, started, while_waiting)
        finally:
            self.api.coursedir.submitted_directory = real_submitted
            preprocessors.PREPARED.clear()
        return self.submissions


def gradebook_of(root):
    """``(db_url, course_id)`` of the course's gradebook, for ``report.write``."""
    coursedir = course.make_api(root).coursedir
    return coursedir.db_url, coursedir.course_id


def grade(root, options, started=None, while_waiting=None):
    """Grade everything ``options`` asks for; returns the list of ``course.Submission``.

    ``started``: what ``early.start`` set going (``python -m autograder`` calls it before the
    heavy imports); it is ended and its staging directory removed here. ``while_waiting``: work
    for the main thread once every notebook is running (``Grader.process``).
    """
    if started is None:
        if options.sandbox:
            sandbox.check_available()
        started = early.start(root, options)
    try:
        return Grader(root, options).run(started, while_waiting)
    finally:
        # What is still running here is not needed (or grading failed): ended, not waited for.
        early.discard(started)

"""Grade every submission: execute in parallel sandboxes, then write the gradebook from here alone.

1. Serially, each submitted notebook is read and sanitized the way ``nbgrader autograde`` does it
   (locked and test cells restored from the gradebook). A file that is not a notebook is noted.
2. In parallel (``jobs`` worker processes), each sanitized notebook runs in its own sandbox
   (``worker``), and so does each assignment's solution when its evidence is not cached yet
   (``reference``).
3. Serially, nbgrader's own autograde converter runs for each submission with its ``Execute``
   step replaced by ``UsePreExecuted`` + ``JudgeEvidence`` (``preprocessors``): the gradebook
   and ``autograded/`` are written by nbgrader, from this process only. Then feedback.
"""
import concurrent.futures
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass

import nbformat
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning
from tqdm import tqdm

from autograder import course, preprocessors, reference, sandbox, scan

# nbgrader's gradebook code trips SQLAlchemy's autoflush warnings on new submissions: noise only.
warnings.filterwarnings("ignore", category=SAWarning)
warnings.filterwarnings("ignore", message="Cell is missing an id field")


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


class GradingError(RuntimeError):
    """Grading cannot start or cannot go on (unknown assignment, a solution that fails...)."""


def _run_worker(job, staging):
    """Run one worker process; always returns a result dict, never raises."""
    job_file = pathlib.Path(staging) / f"{job['name']}.job.json"
    job_file.write_text(json.dumps(job))
    log = pathlib.Path(staging) / f"{job['name']}.log"
    try:
        with open(log, "wb") as err:
            subprocess.run([sys.executable, "-m", "autograder.worker", str(job_file)], stdout=subprocess.DEVNULL,
                           stderr=err, timeout=job["time_limit"] + 180, check=False, cwd=staging)
    except subprocess.TimeoutExpired:
        return {"status": "time_limit", "reason": "the grader stopped a run that outlived its time limit"}
    try:
        result = json.loads(pathlib.Path(job["output"] + ".json").read_text())
        result["notebook"] = nbformat.read(job["output"], as_version=4)
        return result
    except (OSError, ValueError) as err:
        tail = log.read_bytes()[-300:].decode(errors="replace").strip().splitlines()[-1:] if log.exists() else []
        return {"status": "worker_failed", "reason": f"the grader's worker failed ({type(err).__name__}) {' '.join(tail)}"}


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
    def _job(self, name, notebook, data_files, staging):
        o = self.options
        return {"name": name, "notebook": str(notebook), "output": str(pathlib.Path(staging) / f"{name}.out.ipynb"),
                "cell_timeout": o.cell_timeout, "time_limit": o.time_limit, "memory": o.memory,
                "sandbox": o.sandbox, "data_files": data_files, "threads": 1 if o.jobs > 1 else None}

    def prepare(self, plan, staging):
        jobs = {}
        for assignment, notebooks in plan.items():
            source_dir = self.root / self.api.coursedir.source_directory / assignment
            for nb in notebooks:
                source_nb = source_dir / f"{nb}.ipynb"
                cached = reference.load(self.root, assignment, source_nb)
                if cached is not None:
                    self.references[assignment, nb] = cached
                elif not source_nb.exists():
                    raise GradingError(f"{source_nb} is missing: the solution decides the points")
                else:
                    data = [str(p) for p in source_dir.iterdir() if p.is_file() and p.suffix != ".ipynb"]
                    jobs[("reference", assignment, nb)] = self._job(f"ref-{assignment}-{nb}", source_nb, data, staging)
        for sub in self.submissions:
            data = course.public_files(self.api, sub.assignment)
            folder = pathlib.Path(staging) / "submitted" / sub.student / sub.assignment
            folder.mkdir(parents=True)
            stamp = pathlib.Path(sub.notebooks[next(iter(sub.notebooks))]).parent / "timestamp.txt"
            if stamp.is_file():
                shutil.copy(stamp, folder / "timestamp.txt")
            for nb, path in sub.notebooks.items():
                clean = self._stage(sub, nb, path, folder / f"{nb}.ipynb")
                if clean is None:
                    continue
                sub.flags += [f"code {label}" for label in scan.suspicious(clean) if f"code {label}" not in sub.flags]
                name = f"sub-{len(jobs)}"
                staged = pathlib.Path(staging) / f"{name}.in.ipynb"
                nbformat.write(clean, str(staged))
                jobs[("submission", sub.assignment, sub.student, nb)] = self._job(name, staged, data, staging)
        return jobs

    def _stage(self, sub, nb_id, path, staged):
        """Copy a submitted notebook where nbgrader will read it; returns it sanitized for execution.

        A notebook that is missing, is no notebook, or that nbgrader cannot sanitize is replaced by
        the unmodified release (which scores zero) and None is returned: there is nothing to run.
        """
        if not path.exists():
            sub.status[nb_id] = "missing"
            sub.reasons.append(f"{nb_id}.ipynb was not submitted")
            return None
        try:
            nb = course.normalize(nbformat.read(str(path), as_version=4),
                                  course.known_cell_ids(self.api, sub.assignment, nb_id))
            clean = course.sanitize(self.api, sub.assignment, sub.student, nb_id, nb)
            nbformat.write(nb, str(staged))
            return clean
        except Exception as err:  # noqa: BLE001 - any unreadable file is a reason, not a crash
            sub.status[nb_id] = "invalid"
            sub.reasons.append(f"{nb_id}.ipynb is not a notebook nbgrader can grade ({type(err).__name__}): "
                               "graded as the unmodified release")
            release = self.root / self.api.coursedir.release_directory / sub.assignment / f"{nb_id}.ipynb"
            if release.exists():
                shutil.copy(release, staged)
            return None

    def execute(self, jobs, staging):
        results = {}
        workers = max(1, min(self.options.jobs, len(jobs) or 1))
        with concurrent.futures.ThreadPoolExecutor(workers) as pool, \
                tqdm(total=len(jobs), desc="executing", unit="nb", disable=not self.options.progress) as bar:
            # Solutions first: their records are needed by every submission of the assignment.
            futures = {pool.submit(_run_worker, job, staging): key for key, job in jobs.items()}
            for future in concurrent.futures.as_completed(futures):
                results[futures[future]] = future.result()
                bar.update(1)
        return results

    # -- 3. the one gradebook writer -----------------------------------------------------
    def record_references(self, results):
        for key, result in results.items():
            if key[0] == "reference":
                _, assignment, nb = key
                source_nb = self.root / self.api.coursedir.source_directory / assignment / f"{nb}.ipynb"
                try:
                    self.references[assignment, nb] = reference.store(self.root, assignment, source_nb, result)
                except reference.SolutionFailed as err:
                    raise GradingError(str(err)) from err

    def write_grades(self, results):
        bar = tqdm(self.submissions, desc="grading", unit="sub", disable=not self.options.progress)
        for sub in bar:
            for nb in sub.notebooks:
                key = (sub.assignment, sub.student, nb)
                result = results.get(("submission", *key))
                prepared = {"reference": self.references.get((sub.assignment, nb), {}), "verdicts": {}}
                if result is not None:
                    sub.status[nb] = result["status"]
                    sub.seconds += result.get("seconds", 0.0)
                    if result.get("reason"):
                        sub.reasons.append(f"{nb}: {result['reason']}")
                    prepared.update(notebook=result.get("notebook"), reason=result.get("reason"))
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

    def _zero(self, sub):
        with Gradebook(self.api.coursedir.db_url, self.api.coursedir.course_id) as gb:
            gb.update_or_create_student(sub.student)
            submission = gb.update_or_create_submission(sub.assignment, sub.student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.auto_score is None and (grade.cell.cell_type == "code" or
                                                     sub.status.get(notebook.name) in ("missing", "invalid")):
                        grade.auto_score, grade.needs_manual_grade = 0, False
            gb.db.commit()

    def _collect(self, sub):
        with Gradebook(self.api.coursedir.db_url, self.api.coursedir.course_id) as gb:
            submission = gb.find_submission(sub.assignment, sub.student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    sub.scores[grade.name] = (grade.score, grade.max_score)
        for nb in sub.notebooks:
            verdicts = preprocessors.PREPARED.get((sub.assignment, sub.student, nb), {}).get("verdicts", {})
            for grade_id, v in verdicts.items():
                # An honest failure fails in the kernel too; only a disagreement is news.
                if v["kernel_passed"] and not v["judge_passed"]:
                    sub.flags.append(f"{grade_id}: kernel passed, judge failed")
                    sub.reasons.append(f"{grade_id}: {v['reasons'][0]}")

    def feedback(self):
        for sub in tqdm(self.submissions, desc="feedback", unit="sub", disable=not self.options.progress):
            if any(s != "missing" for s in sub.status.values()):
                outcome = self.api.generate_feedback(sub.assignment, sub.student, force=True)
                if not outcome["success"]:
                    sub.reasons.append("feedback could not be generated")

    def run(self):
        plan = self.collect()
        staging = tempfile.mkdtemp(prefix="autograder-")
        real_submitted = self.api.coursedir.submitted_directory
        try:
            jobs = self.prepare(plan, staging)
            # nbgrader's autograde reads the staged copies: normalized, never the student's files.
            self.api.coursedir.submitted_directory = str(pathlib.Path(staging) / "submitted")
            results = self.execute(jobs, staging)
            self.record_references(results)
            self.write_grades(results)
        finally:
            self.api.coursedir.submitted_directory = real_submitted
            shutil.rmtree(staging, ignore_errors=True)
            preprocessors.PREPARED.clear()
        if self.options.feedback:
            self.feedback()
        return self.submissions


def grade(root, options):
    """Grade everything ``options`` asks for; returns the list of ``course.Submission``."""
    if options.sandbox:
        sandbox.check_available()
    return Grader(root, options).run()

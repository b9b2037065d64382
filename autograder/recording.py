"""Recording: one submission's results into nbgrader's gradebook, ``autograded/`` and ``feedback/``.

Called from the grader's main thread only, one submission at a time: nbgrader's own autograde
converter runs with its ``Execute`` step replaced by ``UsePreExecuted`` + ``JudgeEvidence``
(``preprocessors``), which read what ``record`` left for them in the run's ``RunStore``. Then
the scores and the judge's verdicts are read back into the ``course.Submission``.
"""
import pathlib

from nbgrader.api import Gradebook

from autograder import explain, files, stage
from autograder.preprocessors import Prepared


class Recorder:
    """Writes the gradebook for the course ``api`` (made with ``store``: ``course.make_api``)."""

    def __init__(self, api, options, store):
        self.api = api
        self.options = options
        self.store = store

    def record(self, sub, results, references):
        """Grade ``sub`` (a ``course.Submission``) from the executed notebooks and the solution's records.

        ``results``: ``{(assignment, student, notebook id): worker result}``, for the notebooks
        that ran; ``references``: ``{(assignment, notebook id): reference.load/store's dict}``.
        Fills ``sub.status``, ``scores``, ``reasons``, ``flags``, ``notes``, ``mistakes``.
        """
        staged_folder = pathlib.Path(self.api.coursedir.submitted_directory) / sub.student / sub.assignment
        for nb in sub.notebooks:
            key = (sub.assignment, sub.student, nb)
            result = results.get(key)
            ref = references.get((sub.assignment, nb), {})
            if ref.get("problem") and ref["problem"] not in sub.notes:
                sub.notes.append(ref["problem"])
            prepared = Prepared(reference=ref.get("records", {}), unrecorded=ref.get("failed", {}),
                                reason=sub.not_run.get(nb, ""))
            if result is not None:
                self._note_result(sub, nb, result)
                files.add_written(result.get("files"), staged_folder)
                prepared.notebook, prepared.reason = result.get("notebook"), result.get("reason") or ""
            self.store.put(key, prepared)
        try:
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
        finally:
            for nb in sub.notebooks:
                self.store.pop((sub.assignment, sub.student, nb))  # the executed copy: memory

    def _note_result(self, sub, nb, result):
        sub.status[nb] = result["status"]
        sub.seconds += result.get("seconds", 0.0)
        sub.budget = result.get("budget") or sub.budget
        if result.get("reason") and result["status"] == "ok":
            # A run that ended well says only what the grader did on the way (output truncated):
            # a note, as no point is lost for it.
            sub.notes.append(f"{nb}: {result['reason']}: no points lost")
        elif result.get("reason"):
            sub.reasons.append(f"{nb}: {result['reason']}")
        executed = result.get("notebook")
        if result.get("timeouts") and sub.status[nb] == "ok":
            sub.status[nb] = "cell_timeout"
        for index in result.get("timeouts", []):
            cell = executed.cells[index] if executed is not None and index < len(executed.cells) else None
            name = stage.grade_id(cell) if cell is not None else None
            sub.reasons.append(f"{nb}: {name or f'cell {index}'} ran longer than the cell time limit "
                               f"of {self.options.cell_timeout:g} s (--cell-timeout) and was stopped")

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
        verdicts = {nb: self.store.get((sub.assignment, sub.student, nb)).verdicts for nb in sub.notebooks}
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

    def feedback(self, sub):
        """nbgrader's generate_feedback for ``sub`` (nothing when no notebook was handed in)."""
        if any(s != "missing" for s in sub.status.values()):
            outcome = self.api.generate_feedback(sub.assignment, sub.student, force=True)
            if not outcome["success"]:
                sub.reasons.append("feedback could not be generated")

"""Two nbgrader preprocessors that take the place of ``Execute`` in ``nbgrader autograde``.

``UsePreExecuted`` copies in the outputs that a sandboxed worker produced for this very notebook
(nbgrader sanitizes the submission again first, so the cells must match one for one), and
``JudgeEvidence`` lets the trusted judge overrule a test cell that the student's kernel passed:
the cell gets an error output saying so, which nbgrader's ``SaveAutoGrades`` then scores zero.
The gradebook, ``autograded/``, ``feedback/`` and ``nbgrader export`` therefore all agree.

Both read what the grader left for them in ``PREPARED``, keyed by (assignment, student, notebook).
"""
import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder import diagnose
from autograder.judge import judge_cell, records_by_cell

# (assignment, student, notebook) -> {"notebook": executed nb or None, "reason": str,
#                                     "reference": {grade_id: [records]}, "verdicts": {}}
PREPARED = {}

NOT_RUN = "NotExecuted"
REJECTED = "HiddenTestFailed"
REJECTED_TEXT = "the grader's own check of the results this test recorded did not pass"
STDERR_HEADER = "[written to stderr by the code under test; the results were right, so it costs nothing]\n"


def _key(resources):
    info = resources["nbgrader"]
    return info["assignment"], info["student"], info["notebook"]


def _error(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def is_test_cell(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


class UsePreExecuted(NbGraderPreprocessor):
    """Fill each code cell with the outputs of the sandboxed run of the same notebook."""

    def preprocess(self, nb, resources):
        prepared = PREPARED.get(_key(resources), {})
        executed = prepared.get("notebook")
        code = [c for c in nb.cells if c.cell_type == "code"]
        done = [c for c in executed.cells if c.cell_type == "code"] if executed is not None else []
        if executed is None or [c.source for c in code] != [c.source for c in done]:
            reason = prepared.get("reason") or "the grader has no executed copy of this notebook"
            for cell in code:
                cell.outputs, cell.execution_count = [_error(NOT_RUN, reason)], None
            return nb, resources
        for cell, ran in zip(code, done):
            cell.outputs, cell.execution_count = ran.outputs, ran.get("execution_count")
        return nb, resources


def _is_stderr(output):
    return output.get("output_type") == "stream" and output.get("name") == "stderr"


def first_error(cell):
    """``"Name: value"`` of the first error a cell shows, or "" (``explain`` shortens it at a word)."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return " ".join(f"{out.get('ename')}: {out.get('evalue')}".split())[:4000]
    return ""


class JudgeEvidence(NbGraderPreprocessor):
    """A test cell keeps nbgrader's verdict only if the trusted judge agrees with it.

    Points are decided by values: where the judge accepts every value a cell recorded, text the
    student's own code wrote to stderr (a warning) is kept as ordinary output instead of costing
    the cell, and the verdict says so. Where the solution recorded nothing for a cell (it has no
    ``record`` or the solution failed there), the kernel's verdict stands, as in plain nbgrader.
    """

    def preprocess(self, nb, resources):
        prepared = PREPARED.setdefault(_key(resources), {})
        reference = prepared.get("reference", {})
        unrecorded = prepared.get("unrecorded", {})
        student = records_by_cell(nb)
        verdicts = prepared.setdefault("verdicts", {})
        for cell in nb.cells:
            if not is_test_cell(cell):
                continue
            grade_id = cell.metadata.nbgrader["grade_id"]
            errors = any(o.get("output_type") == "error" for o in cell.outputs)
            stderr = any(_is_stderr(o) for o in cell.outputs)
            refs = reference.get(grade_id)
            if refs is None:
                why = (f"the solution failed here ({unrecorded[grade_id]})" if grade_id in unrecorded
                       else "no evidence recorded by the solution")
                ok, reasons = True, [f"{why}: kernel verdict used"]
            else:
                ok, reasons = judge_cell(refs, student.get(grade_id, []))
            warned = bool(refs) and ok and stderr and not errors
            if warned:
                for out in cell.outputs:
                    if _is_stderr(out):
                        out["name"] = "stdout"
                        out["text"] = STDERR_HEADER + out.get("text", "")
            verdicts[grade_id] = {"kernel_passed": not errors and not stderr, "judge_passed": ok,
                                  "reasons": reasons, "stderr_forgiven": warned,
                                  "error": first_error(cell), "judged": refs is not None}
            if not ok:
                cell.outputs.append(_error(REJECTED, REJECTED_TEXT))
            verdicts[grade_id]["mistake"] = diagnose.cell_mistake(
                cell, *_key(resources)[::2], diagnose.course_root(self.config), refs, student.get(grade_id, []))
        return nb, resources

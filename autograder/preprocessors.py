"""Two nbgrader preprocessors that take the place of ``Execute`` in ``nbgrader autograde``.

``UsePreExecuted`` copies in the outputs that a sandboxed worker produced for this very notebook
(nbgrader sanitizes the submission again first, so the cells must match one for one), and
``JudgeEvidence`` lets the trusted judge overrule a test cell that the student's kernel passed:
the cell gets an error output saying so, which nbgrader's ``SaveAutoGrades`` then scores zero.
The gradebook, ``autograded/``, ``feedback/`` and ``nbgrader export`` therefore all agree.

nbgrader builds the preprocessors itself, from its configuration, once per notebook; so each is
bound to its grading run through that configuration: ``course.load_config(root, store)`` sets
``c.BoundToRun.store`` to the run's ``RunStore``, where the grader leaves a ``Prepared`` for each
(assignment, student, notebook) before nbgrader's autograde runs, and reads the verdicts after.
Two runs in one process (tests do that) each have their own store.
"""
from dataclasses import dataclass, field

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Instance

from autograder import diagnose
from autograder.cells import NOT_RUN, REJECTED, first_error, has_error, is_stderr, is_test_cell
from autograder.cells import error_output as _error
from autograder.judge import judge_cell, records_by_cell

REJECTED_TEXT = "the grader's own check of the results this test recorded did not pass"
STDERR_HEADER = "[written to stderr by the code under test; the results were right, so it costs nothing]\n"


@dataclass
class Prepared:
    """What the grader hands the two preprocessors for one notebook of one submission."""
    notebook: object = None                            # the executed notebook, or None (not run)
    reason: str = ""                                   # why it was not run, or what went wrong
    reference: dict = field(default_factory=dict)      # the solution's {grade_id: [records]}
    unrecorded: dict = field(default_factory=dict)     # {grade_id: why the solution recorded nothing}
    verdicts: dict = field(default_factory=dict)       # filled by JudgeEvidence: {grade_id: verdict}


class RunStore:
    """One grading run's ``Prepared``, keyed by ``(assignment, student, notebook)``."""

    def __init__(self):
        self._prepared = {}

    def __deepcopy__(self, memo):
        # traitlets deep-copies each configured value into the object it configures; the
        # preprocessors must share the run's store, not get copies of it.
        return self

    def put(self, key, prepared):
        self._prepared[key] = prepared

    def get(self, key):
        """The ``Prepared`` for ``key``, kept from now on (an empty one when the grader left none)."""
        return self._prepared.setdefault(key, Prepared())

    def pop(self, key):
        """Forget ``key`` (the executed notebook is large); returns its ``Prepared`` or None."""
        return self._prepared.pop(key, None)

    def __len__(self):
        return len(self._prepared)


def _key(resources):
    info = resources["nbgrader"]
    return info["assignment"], info["student"], info["notebook"]


class BoundToRun(NbGraderPreprocessor):
    """A preprocessor that reads what the grader prepared in its run's store."""

    store = Instance(RunStore, allow_none=True,
                     help="the grading run's store (set by the grader, not in nbgrader_config.py)").tag(config=True)

    def prepared(self, resources):
        """This notebook's ``Prepared`` (a throwaway empty one outside a grading run)."""
        return self.store.get(_key(resources)) if self.store is not None else Prepared()


class UsePreExecuted(BoundToRun):
    """Fill each code cell with the outputs of the sandboxed run of the same notebook."""

    def preprocess(self, nb, resources):
        prepared = self.prepared(resources)
        executed = prepared.notebook
        code = [c for c in nb.cells if c.cell_type == "code"]
        done = [c for c in executed.cells if c.cell_type == "code"] if executed is not None else []
        if executed is None or [c.source for c in code] != [c.source for c in done]:
            reason = prepared.reason or "the grader has no executed copy of this notebook"
            for cell in code:
                cell.outputs, cell.execution_count = [_error(NOT_RUN, reason)], None
            return nb, resources
        for cell, ran in zip(code, done):
            cell.outputs, cell.execution_count = ran.outputs, ran.get("execution_count")
        return nb, resources


class JudgeEvidence(BoundToRun):
    """A test cell keeps nbgrader's verdict only if the trusted judge agrees with it.

    Points are decided by values: where the judge accepts every value a cell recorded, text the
    student's own code wrote to stderr (a warning) is kept as ordinary output instead of costing
    the cell, and the verdict says so. Where the solution recorded nothing for a cell (it has no
    ``record`` or the solution failed there), the kernel's verdict stands, as in plain nbgrader.
    """

    def preprocess(self, nb, resources):
        prepared = self.prepared(resources)
        reference, unrecorded, verdicts = prepared.reference, prepared.unrecorded, prepared.verdicts
        student = records_by_cell(nb)
        for cell in nb.cells:
            if not is_test_cell(cell):
                continue
            grade_id = cell.metadata.nbgrader["grade_id"]
            errors = has_error(cell)
            stderr = any(is_stderr(o) for o in cell.outputs)
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
                    if is_stderr(out):
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

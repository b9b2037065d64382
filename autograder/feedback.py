"""Feedback without hidden tests: an nbgrader preprocessor for ``GenerateFeedback``.

Configured in ``nbgrader_config.py``, so plain ``nbgrader generate_feedback`` uses it too. In the
feedback a test cell shows its visible part, a line saying that hidden tests ran, and its result.
Gone are:

- the source between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``;
- a failure's traceback when it points into the hidden part (only "a hidden test did not pass"
  and the exception's type remain); a failure in the visible part keeps its message, which is
  written for students, but not the traceback, whose context lines could quote hidden code;
- the evidence records (``helpers.evidence``) of every cell;
- any output, in any cell, that quotes a line of hidden-test code (a submission could print the
  kernel's input history from inside a function that a hidden test calls);
- everything a test cell printed or displayed while its hidden tests ran (a debug ``print`` in
  the student's function shows the hidden inputs): only what its visible part printed stays
  (``hidden_phase`` tells them apart), and a line says that the rest is not shown;
- a second error under a test whose visible part already failed ("HiddenTestFailed": the
  hidden tests never ran, so there was nothing to judge);
- in a notebook whose own code keeps what its functions are called with, or reads the code of a
  function it is given (``scan.REVEALS_INPUTS``), what the student's cells printed after the first
  hidden tests ran: such a cell can print a hidden test's inputs;
- the instructor's note in a graded cell the grader put back (``stage.RESTORED_TEXT``): the
  student reads a neutral sentence.

A failed test cell gains one line naming the likely mistake (``autograder.diagnose``), from the
records, outside the student's kernel; it names a mistake from the catalogue, never a value. A
written answer (or a hand-graded code cell) still waiting for hand grading says "pending" where
nbgrader's template would say "Score: 0.0" (``score_number``, the template's ``float`` filter).
"""
import re

import nbformat
from jinja2.filters import do_float
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from autograder import diagnose, hidden_phase, scan, stage
from autograder.cells import error_output as _error
from autograder.cells import is_test_cell
from helpers.evidence import MIME

BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
PLACEHOLDER = "# (hidden tests ran here: they decide the points and are not shown)"
HIDDEN_FAILED = "a hidden test did not pass"
QUOTED = "[output removed from the feedback: it quoted hidden test code]\n"
HIDDEN_OUTPUT = "[what was printed while the hidden tests ran is not shown: it could reveal their inputs]\n"
AFTER_HIDDEN = ("[output not shown in the feedback: this notebook's code keeps what its functions are called "
                "with (or reads a function's code), and hidden tests had run before this cell]\n")
RESTORED_FOR_STUDENT = ("This cell was missing from your notebook; the grader put it back so that it "
                        "could be graded. An answer you wrote in another cell is read there.\n\n")
PENDING = "pending (hand grading)"
# Errors the grader itself writes: their text is already meant for the student.
GRADER_ERRORS = {"NotExecuted", "HiddenTestFailed", "TimeoutError"}
REJECTED = "HiddenTestFailed"

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# IPython's frames ("Cell In[3], line 4"), and the course's own place line ("(line 4 of this cell)").
_FRAME = re.compile(r"(?:(?:Cell In\s*\[(\d*)\]|<ipython-input-(\d+)-[^>]*>),\s*|\()line (\d+)(?=\)| of this cell|\s|$)")


def split_hidden(source):
    """``(visible source, hidden line numbers (1-based), hidden lines)``."""
    visible, hidden_numbers, hidden_lines, inside = [], set(), [], False
    for number, line in enumerate(source.splitlines(), start=1):
        marker = line.strip().upper()
        if marker.startswith(BEGIN):
            inside = True
            hidden_numbers.add(number)
            visible.append(PLACEHOLDER)
        elif marker.startswith(END):
            inside = False
            hidden_numbers.add(number)
        elif inside:
            hidden_numbers.add(number)
            hidden_lines.append(line)
        else:
            visible.append(line)
    return "\n".join(visible), hidden_numbers, hidden_lines


def _failed_line(output, execution_count):
    """The line of this cell where the error arose, or None when the traceback does not say."""
    text = _ANSI.sub("", "\n".join(output.get("traceback", [])))
    for m in _FRAME.finditer(text):
        count = m.group(1) if m.group(1) is not None else m.group(2)
        if not count or execution_count is None or int(count) == int(execution_count):
            return int(m.group(3))
    return None


def _texts(output):
    if output.get("output_type") == "stream":
        yield output.get("text", "")
    elif output.get("output_type") == "error":
        yield output.get("evalue", "")
        yield _ANSI.sub("", "\n".join(output.get("traceback", [])))
    for value in output.get("data", {}).values():
        yield value if isinstance(value, str) else "\n".join(value) if isinstance(value, list) else ""


def keep_visible_phase(cell):
    """A test cell with hidden tests keeps what its visible part printed (before the marker) and
    every error; what was printed or displayed while the hidden tests ran gives way to one line
    (``HIDDEN_OUTPUT``). Without a marker nothing printed can be placed, so none of it is kept.
    A "HiddenTestFailed" error after an earlier error is dropped too: the hidden tests never ran."""
    if not is_test_cell(cell) or not split_hidden(cell.source)[1]:
        return
    before, after = hidden_phase.at_marker(cell.get("outputs", []))
    if after is None:
        before, after = [], before
    errors = [o for o in after if o.get("output_type") == "error"]
    shown = [o for o in after if o.get("output_type") != "error" and
             set(o.get("data", {"text/plain": ""})) - {MIME, hidden_phase.MIME}]
    outputs = before + ([nbformat.v4.new_output("stream", name="stdout", text=HIDDEN_OUTPUT)] if shown else [])
    for out in errors:
        failed = any(o.get("output_type") == "error" for o in outputs)
        if not (failed and out.get("ename") == REJECTED):
            outputs.append(out)
    cell.outputs = outputs


def neutral_restored_text(cell):
    """The instructor's note at the top of a cell the grader put back, in words for the student."""
    gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
    if not gid:
        return
    note = stage.RESTORED_TEXT.format(grade_id=gid)
    commented = "\n".join("# " + line for line in note.splitlines())
    if cell.source.startswith(note):
        cell.source = RESTORED_FOR_STUDENT + cell.source[len(note):]
    elif cell.source.startswith(commented):
        student = "\n".join("# " + line for line in RESTORED_FOR_STUDENT.splitlines())
        cell.source = student + cell.source[len(commented):]


class Shown(float):
    """A score the feedback template shows as words ("pending ..."): it survives the template's
    ``float`` and ``round`` filters unchanged."""

    def __new__(cls, text):
        obj = super().__new__(cls, 0.0)
        obj.text = text
        return obj

    def __round__(self, ndigits=None):
        return self

    def __str__(self):
        return self.text

    __html__ = __str__


def score_number(value, default=0.0):
    """The feedback template's ``float`` filter (``c.HTMLExporter.filters`` in nbgrader_config.py):
    Jinja's own, except that a score given as words (``mark_pending``) stays words."""
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return Shown(value)
    return do_float(value, default)


def mark_pending(nb, resources):
    """Scores of graded cells still waiting for hand grading read ``PENDING``, and the notebook's
    total says how many points wait (from nbgrader's gradebook; nothing without one)."""
    info = resources.get("nbgrader", {})
    if not info.get("db_url") or not info.get("student"):
        return
    from nbgrader.api import Gradebook, MissingEntry

    waiting = 0.0
    with Gradebook(info["db_url"]) as gb:
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader") or {}
            if not meta.get("grade") or not meta.get("grade_id"):
                continue
            try:
                grade = gb.find_grade(meta["grade_id"], info["notebook"], info["assignment"], info["student"])
            except MissingEntry:
                continue
            if grade.needs_manual_grade and grade.manual_score is None:
                meta["score"] = PENDING
                waiting += grade.max_score or 0.0
    if waiting and isinstance(info.get("score"), (int, float)):
        info["score"] = f"{round(float(info['score']), 2)} + {round(waiting, 2)} {PENDING}"


class HideHiddenTests(Preprocessor):
    """Remove hidden tests, their tracebacks, evidence records and quotes of hidden code."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        mistakes = diagnose.notebook_lines(nb, info.get("assignment"), info.get("notebook"),
                                           diagnose.course_root(self.config)) if info.get("assignment") else {}
        secrets = []
        for cell in nb.cells:
            if is_test_cell(cell):
                _, _, hidden = split_hidden(cell.source)
                secrets += [line.strip() for line in hidden if len(line.strip()) >= 8]
        mark_pending(nb, resources)
        reveals = bool(set(scan.suspicious(nb)) & set(scan.REVEALS_INPUTS))
        hidden_ran = False
        for cell in nb.cells:
            neutral_restored_text(cell)
            if reveals and hidden_ran and cell.get("cell_type") == "code" and not is_test_cell(cell) and cell.get("outputs"):
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=AFTER_HIDDEN)]
            hidden_ran = hidden_ran or (is_test_cell(cell) and bool(split_hidden(cell.source)[1]))
            if cell.get("cell_type") == "code":
                keep_visible_phase(cell)
                gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if gid in mistakes and is_test_cell(cell):  # cleaned like any output: never quotes hidden code
                    cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=mistakes[gid] + "\n"))
                self._clean_cell(cell, secrets)
        return nb, resources

    def _clean_cell(self, cell, secrets):
        hidden_numbers = set()
        if is_test_cell(cell):
            cell.source, hidden_numbers, _ = split_hidden(cell.source)
        outputs = []
        for out in cell.get("outputs", []):
            if "data" in out and (MIME in out["data"] or hidden_phase.MIME in out["data"]):
                out["data"].pop(MIME, None)
                out["data"].pop(hidden_phase.MIME, None)
                if not out["data"]:
                    continue
            if out.get("output_type") == "error" and is_test_cell(cell) and out.get("ename") not in GRADER_ERRORS:
                line = _failed_line(out, cell.get("execution_count"))
                if line is None or line in hidden_numbers:
                    # A check that failed there may have named the mistake: that line is catalogue text.
                    likely = diagnose.visible_line({"outputs": [out]})
                    out = _error(out.get("ename", "Error"), HIDDEN_FAILED + (f"\n{likely}" if likely else ""))
                else:
                    out = _error(out.get("ename", "Error"), out.get("evalue", ""))
            if any(secret in text for text in _texts(out) for secret in secrets):
                out = nbformat.v4.new_output("stream", name="stdout", text=QUOTED)
            outputs.append(out)
        cell.outputs = outputs

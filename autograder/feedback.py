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
  kernel's input history from inside a function that a hidden test calls).

A failed test cell gains one line naming the likely mistake (``autograder.diagnose``), from the
records, outside the student's kernel; it names a mistake from the catalogue, never a value.
"""
import re

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from autograder import diagnose
from autograder.cells import error_output as _error
from autograder.cells import is_test_cell
from helpers.evidence import MIME

BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
PLACEHOLDER = "# (hidden tests ran here: they decide the points and are not shown)"
HIDDEN_FAILED = "a hidden test did not pass"
QUOTED = "[output removed from the feedback: it quoted hidden test code]\n"
# Errors the grader itself writes: their text is already meant for the student.
GRADER_ERRORS = {"NotExecuted", "HiddenTestFailed", "TimeoutError"}

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_FRAME = re.compile(r"(?:Cell In\s*\[(\d*)\]|<ipython-input-(\d+)-[^>]*>),\s*line (\d+)")


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
        for cell in nb.cells:
            if cell.get("cell_type") == "code":
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
            if "data" in out and MIME in out["data"]:
                del out["data"][MIME]
                if not out["data"]:
                    continue
            if out.get("output_type") == "error" and is_test_cell(cell) and out.get("ename") not in GRADER_ERRORS:
                line = _failed_line(out, cell.get("execution_count"))
                if line is None or line in hidden_numbers:
                    out = _error(out.get("ename", "Error"), HIDDEN_FAILED)
                else:
                    out = _error(out.get("ename", "Error"), out.get("evalue", ""))
            if any(secret in text for text in _texts(out) for secret in secrets):
                out = nbformat.v4.new_output("stream", name="stdout", text=QUOTED)
            outputs.append(out)
        cell.outputs = outputs

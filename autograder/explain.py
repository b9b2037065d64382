"""Why a cell scored zero, in words an instructor (and a student) can read; text cut to length
at a word, never inside one."""
import re

from autograder.preprocessors import NOT_RUN, REJECTED
from autograder.text import shorten

# A problem line of the summary and of grades.csv: long enough for "expected: ... got: ...".
PROBLEM_CHARS = 240
# The course's checks end their message with the likely mistake; grades.csv has a column for it.
_LIKELY = re.compile(r"\s*Likely mistake:.*$", re.S)


def error_text(error):
    """A test's error (``"Name: message"``) for the summary: the likely-mistake tail dropped
    (it has its own column), the rest on one line and shortened at a word."""
    return shorten(_LIKELY.sub("", error or ""), PROBLEM_CHARS)


def zero(grade, verdict):
    """The reason ``grade`` (an nbgrader ``Grade`` with no points) got none.

    ``verdict``: what ``preprocessors.JudgeEvidence`` found for its test cell, or None (a cell
    that is no test cell: an answer left as the release gave it, a test nbgrader did not see).
    """
    if verdict is None:
        if grade.cell.cell_type == "markdown":
            return "not answered (the written answer is as the release gave it)"
        if grade.auto_score == 0 and grade.needs_manual_grade is False:
            return "not answered (the cell is as the release gave it), or its test cell was missing"
        return "its test cell did not run"
    error = verdict.get("error", "")
    if error.startswith(NOT_RUN):
        return "not run: " + error_text(error.split(": ", 1)[-1])
    if error and not error.startswith(REJECTED):
        return f"the test failed: {error_text(error)}"
    if verdict["judged"] and not verdict["judge_passed"]:
        return "the grader's check failed: " + shorten(verdict["reasons"][0])
    if not verdict["kernel_passed"]:
        return "the cell wrote to stderr, which nbgrader scores as a failure (a warning in the student's code?)"
    return "the test produced a score of 0"

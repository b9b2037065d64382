"""What the grader asks of a notebook cell: its nbgrader metadata, whether it is a test, its errors.

One place for the questions every part of the grader asks (staging, the judge's preprocessor,
feedback, the diagnosis, the scan). Cells may be ``nbformat`` nodes or plain dicts; nothing here
changes a cell. Only ``nbformat`` is imported: the sandboxed worker uses this module too.

The student's edition cannot import this package: ``helpers/check_notebooks.py`` keeps its own
``is_visible_test``.
"""
import nbformat

# The error names the grader itself writes into a cell (their text is meant for the student).
NOT_RUN = "NotExecuted"            # the cell never ran: the kernel died, a limit was reached...
REJECTED = "HiddenTestFailed"      # the judge overruled a test cell the kernel passed


def nbgrader_meta(cell):
    """The cell's ``metadata.nbgrader`` as it is (``{}`` when absent; may be malformed)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def meta_of(cell):
    """The cell's nbgrader metadata when it is usable (a dict with a grade id), else None."""
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) and isinstance(meta.get("grade_id"), str) and meta["grade_id"] else None


def grade_id(cell):
    """The grade id of a cell with usable nbgrader metadata, else None."""
    meta = meta_of(cell)
    return meta["grade_id"] if meta else None


def is_test_cell(cell):
    """A graded code cell that is not an answer: nbgrader's autograder test."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def test_id(cell):
    """The grade id of a test cell (see ``is_test_cell``), else None."""
    return nbgrader_meta(cell).get("grade_id") if is_test_cell(cell) else None


def error_output(ename, evalue):
    """An nbformat error output whose one-line traceback is ``"ename: evalue"``."""
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def errors(cell):
    """The error outputs of a cell, in order (``[]`` for a cell without outputs)."""
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def has_error(cell):
    """Whether the cell shows an error (nbgrader scores such a test cell zero)."""
    return bool(errors(cell))


def first_error(cell):
    """``"Name: value"`` of the first error a cell shows (on one line; ``explain`` shortens it at a
    word), or ""."""
    for out in errors(cell):
        return " ".join(f"{out.get('ename')}: {out.get('evalue')}".split())[:4000]
    return ""


def is_stderr(output):
    """Whether an output is text written to stderr (nbgrader scores such a test cell zero too)."""
    return output.get("output_type") == "stream" and output.get("name") == "stderr"

"""autograder.cells: what the grader asks of a cell, on small in-memory cells."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output

from autograder import cells


def _cell(meta=None, outputs=(), kind="code"):
    cell = new_code_cell("x = 1") if kind == "code" else new_markdown_cell("text")
    if meta is not None:
        cell.metadata["nbgrader"] = meta
    if kind == "code":
        cell.outputs = list(outputs)
    return cell


TEST = {"grade": True, "solution": False, "grade_id": "test_square", "points": 2}
ANSWER = {"grade": True, "solution": True, "grade_id": "square", "points": 1}


def test_a_test_cell_is_graded_code_that_is_no_answer():
    assert cells.is_test_cell(_cell(TEST))
    assert not cells.is_test_cell(_cell(ANSWER))
    assert not cells.is_test_cell(_cell(dict(TEST), kind="markdown"))
    assert not cells.is_test_cell(_cell())
    assert cells.test_id(_cell(TEST)) == "test_square" and cells.test_id(_cell(ANSWER)) is None


def test_metadata_that_is_not_usable_gives_no_grade_id():
    assert cells.grade_id(_cell(ANSWER)) == "square"
    for broken in ({"grade": True}, {"grade_id": ""}, {"grade_id": 3}, "not a dict"):
        assert cells.grade_id(_cell(broken)) is None and cells.meta_of(_cell(broken)) is None
    assert cells.nbgrader_meta(_cell("not a dict")) == {} and cells.nbgrader_meta(_cell()) == {}


def test_plain_dicts_are_cells_too():
    as_dict = {"cell_type": "code", "metadata": {"nbgrader": TEST}, "outputs": []}
    assert cells.is_test_cell(as_dict) and cells.grade_id(as_dict) == "test_square"


def test_errors_are_found_in_order_and_shown_on_one_line():
    out = [new_output("stream", name="stdout", text="hi\n"),
           cells.error_output("AssertionError", "expected 4,\n  got 5"),
           cells.error_output("ValueError", "later")]
    cell = _cell(TEST, out)
    assert cells.has_error(cell) and [o["ename"] for o in cells.errors(cell)] == ["AssertionError", "ValueError"]
    assert cells.first_error(cell) == "AssertionError: expected 4, got 5"
    assert cells.first_error(_cell(TEST, out[:1])) == "" and not cells.has_error(_cell(TEST))
    assert cells.first_error(_cell(TEST, [cells.error_output("E", "x" * 5000)])) == "E: " + "x" * 3997


def test_an_error_output_is_valid_nbformat_with_a_one_line_traceback():
    out = cells.error_output(cells.NOT_RUN, "the kernel died")
    assert out["traceback"] == ["NotExecuted: the kernel died"]
    nb = nbformat.v4.new_notebook(cells=[_cell(TEST, [out])])
    nbformat.validate(nb)


def test_stderr_is_a_stream_named_stderr():
    assert cells.is_stderr(new_output("stream", name="stderr", text="warning"))
    assert not cells.is_stderr(new_output("stream", name="stdout", text="fine"))
    assert not cells.is_stderr(cells.error_output("E", "v"))

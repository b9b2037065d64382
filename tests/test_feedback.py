"""Feedback shows each test's result and visible part, never hidden tests, their tracebacks or
evidence records: after `python -m autograder grade`, after plain `nbgrader generate_feedback`,
and for a notebook built here to leak on purpose."""
import shutil
import subprocess
import sys

import nbformat
import pytest
from system_tools import require_tool

import grading_course as gc
from autograder.feedback import HIDDEN_FAILED, PLACEHOLDER, QUOTED, HideHiddenTests

# Strings that only the hidden parts of the fixture's tests contain.
# (Evidence records are recognised by their names: a submission may spell out the MIME type itself.)
SECRETS = ["zebra-quartz", "walrus-ember", "default_rng(7)", "rng_t.normal", "got_t", "BEGIN HIDDEN",
           "square of a random 3x5 matrix", "mean_loss of random vectors"]
VISIBLE = ["multiply each entry by itself", "the mean, not the sum", "hidden tests ran here"]


def _check_feedback_folder(root):
    pages = sorted((root / "feedback").glob(f"*/{gc.ASSIGNMENT}/{gc.ASSIGNMENT}.html"))
    assert len(pages) >= len(gc.cases()) - 2  # the two broken files are graded as the bare release
    for page in pages:
        text = page.read_text()
        for secret in SECRETS:
            assert secret not in text, f"{page}: {secret!r}"
        for visible in VISIBLE:
            assert visible in text, f"{page}: {visible!r} missing"
    return pages


@pytest.mark.slow
def test_feedback_of_the_grading_run_hides_hidden_tests():
    require_tool(shutil.which("bwrap"), "bubblewrap")
    graded = gc.graded_course()
    pages = _check_feedback_folder(graded["root"])
    honest = next(p for p in pages if p.parent.parent.name == "honest_full").read_text()
    assert "Score: 3.0 / 3.0" in honest
    half = next(p for p in pages if p.parent.parent.name == "honest_half").read_text()
    assert "AssertionError: " + HIDDEN_FAILED in half


@pytest.mark.slow
def test_plain_nbgrader_generate_feedback_hides_them_too():
    require_tool(shutil.which("bwrap"), "bubblewrap")
    root = gc.graded_course()["root"]
    shutil.rmtree(root / "feedback")
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_feedback", gc.ASSIGNMENT, "--force",
                    "--log-level=ERROR"], cwd=root, env=gc.env(), check=True, capture_output=True)
    _check_feedback_folder(root)


def _cell(source, outputs, grade_id="test_x", count=4):
    cell = nbformat.v4.new_code_cell(source, execution_count=count)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": grade_id,
                                 "points": 1, "schema_version": 3}
    cell.outputs = [nbformat.v4.new_output(**o) for o in outputs]
    return cell


def _traceback(line):
    return ["\x1b[0;31m-----\x1b[0m", f"Cell \x1b[0;32mIn[4], line {line}\x1b[0m", f"----> {line} secret_call()"]


def test_the_preprocessor_on_a_leaky_notebook():
    source = "check_close('a', a, 1.0)\n### BEGIN HIDDEN TESTS\nexpected_secret = 42\nassert a == expected_secret\n### END HIDDEN TESTS"
    visible_error = {"output_type": "error", "ename": "AssertionError", "evalue": "a is not the expected value",
                     "traceback": _traceback(1)}
    hidden_error = {"output_type": "error", "ename": "AssertionError", "evalue": "a != 42", "traceback": _traceback(4)}
    record = {"output_type": "display_data", "data": {"application/vnd.backprop-evidence+json": {"name": "a"}}}
    quote = {"output_type": "stream", "name": "stdout", "text": "leak: expected_secret = 42\n"}
    nb = nbformat.v4.new_notebook(cells=[
        _cell(source, [visible_error, record], "test_a"),
        _cell(source, [hidden_error], "test_b"),
        nbformat.v4.new_code_cell("print(In)", outputs=[nbformat.v4.new_output(**quote)]),
    ])
    nb, _ = HideHiddenTests().preprocess(nb, {})
    first, second, third = nb.cells
    assert "expected_secret" not in first.source and PLACEHOLDER in first.source and "check_close" in first.source
    assert [o.evalue for o in first.outputs] == ["a is not the expected value"]  # the record is gone
    assert first.outputs[0].traceback == ["AssertionError: a is not the expected value"]
    assert second.outputs[0].evalue == HIDDEN_FAILED and "42" not in str(second.outputs)
    assert third.outputs[0].text == QUOTED


def test_a_hidden_failure_keeps_only_a_catalogue_line_of_its_message():
    """A check that fails in the hidden part may have named the mistake (catalogue text): that line
    stays; the rest of the message, and any line the submission made up, goes."""
    from autograder import catalogue
    from helpers.mistakes import PREFIX, sentence
    likely = f"{PREFIX} {sentence(catalogue.kinds()['sign_flipped'])}"
    source = "check_close('a', a, 1.0)\n### BEGIN HIDDEN TESTS\nexpected_secret = 42\ncheck_close('b', b, 42)\n### END HIDDEN TESTS"
    errors = [{"output_type": "error", "ename": "CheckFailed", "evalue": f"b is not the expected value\n  expected: 42\n  {text}",
               "traceback": _traceback(4)} for text in (likely, f"{PREFIX} the answer is 42")]
    nb = nbformat.v4.new_notebook(cells=[_cell(source, [error], f"test_{n}") for n, error in enumerate(errors)])
    nb, _ = HideHiddenTests().preprocess(nb, {})
    assert nb.cells[0].outputs[0].evalue == f"{HIDDEN_FAILED}\n{likely}"
    assert nb.cells[1].outputs[0].evalue == HIDDEN_FAILED

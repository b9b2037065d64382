"""``make check`` (``python -m helpers.check_notebooks``) as a student reads it: each visible test
under the function it tests, a failed check's whole message, a summary line with what to do next,
no kernel log and no JupyterLab cell numbers; unsolved exercises are no error, a notebook that does
not run to the end is."""
import os
import subprocess
import sys

import nbformat
import pytest

from course import ROOT

TAG = {"tags": ["raises-exception"]}


def _cell(source, grade_id=None, solution=False, grade=False, tagged=False):
    meta = dict(TAG) if tagged else {}
    if grade_id:
        meta["nbgrader"] = {"grade_id": grade_id, "solution": solution, "grade": grade, "schema_version": 3}
    return nbformat.v4.new_code_cell(source, metadata=meta)


def _notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 — a tiny course"),
                _cell("from helpers.checks import check_close, once_solved"),
                nbformat.v4.new_markdown_cell("## 1 · Losses"), *cells]
    return nb


SOLVED = _cell("def mse_loss(y, y_hat):\n    return 1.5", "mse_loss", solution=True, tagged=True)
PASSING = _cell("check_close('mse_loss(...)', mse_loss(1, 2), 1.5)", "test_mse_loss", grade=True, tagged=True)
WRONG = _cell("def sigmoid(z):\n    return 2.0", "sigmoid", solution=True, tagged=True)
FAILING = _cell("s = sigmoid(0.0)\ncheck_close('sigmoid(0)', s, 0.5, hint='1 / (1 + exp(-z))')",
                "test_sigmoid", grade=True, tagged=True)
STUB = _cell("def fit_sine(x, y):\n    # YOUR CODE HERE\n    raise NotImplementedError()", "fit_sine",
             solution=True, tagged=True)
UNSOLVED = _cell("fit_sine([1.0], [2.0])", "test_fit_sine", grade=True, tagged=True)


def make_check(tmp_path, nb):
    folder = tmp_path / "01-tiny"
    folder.mkdir()
    nbformat.write(nb, str(folder / "tiny.ipynb"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("NBGRADER_EXECUTION", None)
    return subprocess.run([sys.executable, "-m", "helpers.check_notebooks"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_unsolved_and_failing_exercises_are_listed_in_full_and_exit_zero(tmp_path):
    run = make_check(tmp_path, _notebook(SOLVED, PASSING, WRONG, FAILING, STUB, UNSOLVED))
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    assert "IPKernelApp" not in out + run.stderr and "WARNING" not in out + run.stderr
    assert "  ✓ mse_loss: the visible tests pass" in out
    # The whole message of the failed check, indented under the function it tests.
    assert "  ✗ sigmoid: sigmoid(0) is not the expected value.\n        expected: 0.5\n        got:      2.0\n" \
           "        hint:     1 / (1 + exp(-z))" in out, out
    assert "  · fit_sine: not solved yet" in out
    assert "Cell In" not in out and "line 1)" not in out and "line 2)" not in out
    assert "1 of 3 exercises pass; next: `sigmoid` (section 1 · Losses)" in out, out


@pytest.mark.slow
def test_a_notebook_that_stops_before_its_end_is_an_error(tmp_path):
    broken = _cell("values = [1, 2]\nvalues[5]")
    run = make_check(tmp_path, _notebook(SOLVED, PASSING, broken))
    assert run.returncode == 1, run.stdout
    assert "Run All stops at a cell (section 1 · Losses)" in run.stdout and "IndexError" in run.stdout
    assert "1 of 1 exercises pass: all done" in run.stdout

"""``make check`` (``python -m helpers.check_notebooks``) as a student reads it: one line per
exercise (so the count agrees with the lines), a failed check's whole message, a summary line with
what to do next, no kernel log and no JupyterLab cell numbers; unsolved exercises and a Run All
that stops early are results told in words, not an error status that make reports as broken."""
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
                _cell("import numpy as np\nfrom helpers.checks import check_close, check_shape, once_solved"),
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
    # The section as a sentence reads it, not "(section 1 · Losses)".
    assert "1 of 3 exercises pass; next: `sigmoid` in section 1, “Losses”" in out, out


@pytest.mark.slow
def test_a_notebook_that_stops_before_its_end_is_reported_in_words_not_as_a_failed_command(tmp_path):
    broken = _cell("values = [1, 2]\nvalues[5]")
    run = make_check(tmp_path, _notebook(SOLVED, PASSING, broken))
    # Exit status 0: make would otherwise print "make: *** [check] Error 1", which reads as a broken tool.
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Run All stops at a cell in section 1, “Losses”, with this error" in run.stdout
    assert "IndexError" in run.stdout
    assert "1 of 1 exercises pass: all done" in run.stdout
    assert "Run All stops early in 1 notebook" in run.stdout


TWO_FUNCTIONS = _cell("def tanh_derivative(z):\n    return 1.0\n\ndef relu_derivative(z):\n    return 2.0",
                      "activation_derivatives", solution=True, tagged=True)
TANH_TEST = _cell("check_close('tanh_derivative(0)', tanh_derivative(0.0), 1.0)", "test_activation_derivatives_1",
                  grade=True, tagged=True)
RELU_TEST = _cell("check_close('relu_derivative(1)', relu_derivative(1.0), 1.0)", "test_activation_derivatives_2",
                  grade=True, tagged=True)
CRASHING = _cell("def linear_backward(dZ, A_prev):\n    return dZ @ A_prev", "linear_backward", solution=True,
                 tagged=True)
CRASH_TEST = _cell("dW = linear_backward(np.ones((3, 4)), np.ones((2, 4)))\ncheck_shape('dW', dW, (3, 2))",
                   "test_linear_backward", grade=True, tagged=True)


@pytest.mark.slow
def test_one_line_per_exercise_so_the_count_matches_the_lines_and_next_is_the_first_not_passing(tmp_path):
    run = make_check(tmp_path, _notebook(TWO_FUNCTIONS, TANH_TEST, RELU_TEST, CRASHING, CRASH_TEST, STUB, UNSOLVED))
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    marks = [line for line in out.splitlines() if line[:4] in ("  ✓ ", "  ✗ ", "  · ")]
    assert len(marks) == 3, out     # three exercises, although four test cells
    assert "0 of 3 exercises pass" in out, out
    # An exercise of two functions: its test cells under it, the failing one with its message.
    assert "  ✗ tanh_derivative, relu_derivative: 1 of 2 visible tests pass" in out, out
    assert "      ✓ tanh_derivative: the visible tests pass" in out
    assert "      ✗ relu_derivative: relu_derivative(1) is not the expected value." in out
    # An error inside the student's function: the course's message, without JupyterLab's place.
    assert "  ✗ linear_backward: `linear_backward` stopped with an error in line 2: return dZ @ A_prev" in out, out
    assert "Likely mistake: shapes do not line up for a matrix product" in out
    assert "Cell In" not in out and "Traceback" not in out
    # The first exercise that does not pass, failing or unsolved, in the notebook's order.
    assert "next: `tanh_derivative`, `relu_derivative` in section 1" in out, out


def test_two_test_cells_of_one_function_are_told_apart_by_what_they_pass():
    """03's backward has a plain test and one with L2: `make check` must not list `backward` twice."""
    from helpers.check_notebooks import Exercise
    solution = _cell("def backward(X, Y, params, cache, activation='sigmoid', reg_lambda=0.0):\n    return {}",
                     "backward", solution=True)
    plain = _cell("grads = backward(X, Y, p, c, activation='tanh')\ncheck_true(True, 'ok')", "test_backward_1", grade=True)
    l2 = _cell("lam = 0.5\ngrads = backward(X, Y, p, c, activation='tanh', reg_lambda=lam)\n"
               "### BEGIN HIDDEN TESTS\nbackward(X, Y, p, c, secret=1)\n### END HIDDEN TESTS", "test_backward_2", grade=True)
    exercise = Exercise(solution, "6 · The backward pass")
    assert exercise.labels([plain, l2]) == ["backward", "backward with reg_lambda=0.5"]
    # Nothing in the calls tells them apart: their order does.
    assert exercise.labels([plain, plain]) == ["backward, visible test 1", "backward, visible test 2"]


@pytest.mark.slow
def test_a_solution_cell_with_a_syntax_error_is_named_with_its_line(tmp_path):
    broken = _cell("def mse_loss(y, y_hat):\n    return (y - y_hat ** 2\n", "mse_loss", solution=True, tagged=True)
    run = make_check(tmp_path, _notebook(broken, PASSING))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "  ✗ mse_loss: the cell that defines `mse_loss` has a SyntaxError at line 2 (" in run.stdout, run.stdout
    assert "is not defined: run the cell above" not in run.stdout
    assert "then run make check again" in run.stdout and "then this one" not in run.stdout, run.stdout


def test_a_syntax_error_note_tells_a_terminal_reader_to_run_make_check_again():
    from helpers.check_notebooks import message_lines
    output = nbformat.from_dict({"output_type": "error", "ename": "NameError", "evalue": "",
                                 "traceback": ["the cell that defines `mse_loss` has a SyntaxError at line 2: "
                                               "fix that line and run that cell, then this one"]})
    assert message_lines(output) == ["the cell that defines `mse_loss` has a SyntaxError at line 2: "
                                     "fix that line, then run make check again"]


def test_a_visible_test_prints_no_success_line_of_its_own_beside_the_pass_line():
    import ast
    import json
    # "✓ the visible tests pass for `forward`" says it; a "forward works." printed too says it twice.
    said_twice = []
    for notebook in sorted(ROOT.glob("source/*/*.ipynb")):
        for cell in json.loads(notebook.read_text())["cells"]:
            marks = cell["metadata"].get("nbgrader", {})
            if cell["cell_type"] != "code" or not marks.get("grade") or marks.get("solution"):
                continue
            visible = "".join(cell["source"]).split("### BEGIN HIDDEN TESTS")[0]
            for node in ast.walk(ast.parse(visible)):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print" and node.args
                        and isinstance(node.args[0], ast.Constant) and " works" in str(node.args[0].value)):
                    said_twice.append((marks["grade_id"], node.args[0].value))
    assert said_twice == []

"""In a real kernel: an error raised inside the student's function while a visible test runs shows
the course's message (what was expected, the error in one line, the likely mistake) and stays an
error of its own type, so nbgrader still gives the cell zero; a demo that needs a function whose
result has the wrong type says so in one line; Run All (nbclient without allow_errors, which stops
where JupyterLab stops) reaches the end."""
import pytest

from kernel_cells import ANSI, TAG, run
from kernel_cells import error as _error


CELLS = [
    ("setup", "import numpy as np\nfrom helpers.checks import check_shape, check_true, check_type, once_solved", {}),
    ("linear_backward", "def linear_backward(dZ, A_prev, W):\n    dW = dZ @ A_prev\n"
                        "    return W.T @ dZ, dW, dZ.sum(axis=1, keepdims=True)", TAG),
    ("linear_backward test", "out = linear_backward(np.ones((3, 4)), np.ones((2, 4)), np.ones((3, 2)))\n"
                             "check_type('linear_backward(dZ, A_prev, W)', out, tuple)", TAG),
    ("linear_backward demo", "with once_solved('linear_backward'):\n"
                             "    linear_backward(np.ones((3, 4)), np.ones((2, 4)), np.ones((3, 2)))", {}),
    ("gradient_descent", "def gradient_descent(grad_fn, theta0, lr, n_steps):\n"
                         "    theta, path = theta0.copy(), [theta0.copy()]\n"
                         "    for _ in range(n_steps):\n"
                         "        theta = theta - lr * grad_fn(theta)\n        path.append(theta.copy())\n"
                         "    return theta, path", TAG),
    ("gradient_descent test", "theta, path = gradient_descent(lambda t: t, np.array([2.0, -4.0]), 0.5, 3)\n"
                              "check_shape('path', path, (4, 2), hint='n_steps + 1 rows')", TAG),
    ("gradient_descent demo", "with once_solved('gradient_descent'):\n"
                              "    _, path = gradient_descent(lambda t: t, np.ones(2), 0.1, 60)\n"
                              "    print(path.T)", {}),
    ("pair", "def pair(x):\n    return x, x", TAG),
    ("pair test", "a, b, c = pair(1.0)\ncheck_true(a == 1.0, 'a is 1')", TAG),
    ("test before its function ran", "check_true(not_run_yet(1.0) == 1.0, 'one')", TAG),
    # A descent that changes theta0 in place: its test fails on a value, not a type, and the demo
    # still refuses it (each run would start where the last one ended).
    ("descent in place", "def descent(grad_fn, theta0, lr, n_steps):\n"
                         "    path = [theta0.copy()]\n"
                         "    for _ in range(n_steps):\n        theta0 -= lr * grad_fn(theta0)\n"
                         "        path.append(theta0.copy())\n"
                         "    return theta0, np.array(path)", TAG),
    ("descent test", "theta0 = np.array([2.0, -4.0])\n_, path = descent(lambda t: t, theta0, 0.5, 3)\n"
                     "check_true(np.array_equal(theta0, [2.0, -4.0]), 'theta0 was modified in place.')", TAG),
    ("descent demo", "with once_solved('descent'):\n    print(descent(lambda t: t, np.ones(2), 0.5, 2)[1])", {}),
    # A solution cell that does not parse defines nothing: its test and demo say where the error is.
    ("syntax error", "def broken(x):\n    y = x +\n    return y", TAG),
    ("syntax error test", "check_true(broken(1.0) == 1.0, 'broken(1) is 1')", TAG),
    ("syntax error demo", "with once_solved('broken'):\n    broken(1.0)", {}),
    # A test cell that uses a function the notebook gave before the exercise, after the exercise's.
    ("given", "def given(x):\n    return x", {}),
    ("answer", "def answer(x):\n    return 2 * x", TAG),
    ("answer test", "value = answer(1.0)\ncheck_true(given(value) == 1.0, 'answer(1) is 1')", TAG),
    ("answer demo", "with once_solved('answer'):\n    print(answer(1.0))", {}),
    # A function that worked, then its cell was edited into a syntax error: the test runs the old one.
    ("twice", "def twice(x):\n    return 2 * x", TAG),
    ("twice broken", "def twice(x):\n    return 2 *\n", TAG),
    ("twice test", "check_true(twice(1.0) == 2.0, 'twice(1) is 2')", TAG),
    ("last", "print('the end')", {}),
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    return run(CELLS, tmp_path_factory.mktemp("nb"))


def _printed(outputs):
    return "".join(o.get("text", "") for o in outputs if o.output_type == "stream")


def test_an_error_inside_the_students_function_reads_as_the_courses_message(executed):
    error, lines = _error(executed["linear_backward test"])
    assert error.ename == "ValueError"     # still an error: nbgrader gives the test cell zero
    assert lines[0] == "`linear_backward` stopped with an error in line 2: dW = dZ @ A_prev"
    assert lines[1] == "  expected: the inner sizes of `dZ @ A_prev` to agree: (n, k) @ (k, p)"
    assert lines[2] == "  got:      dZ (3, 4) @ A_prev (2, 4)"
    assert lines[3].startswith("  error:    ValueError: matmul:") and "gufunc" not in lines[3]
    assert lines[4].startswith("  Likely mistake: shapes do not line up for a matrix product: is a transpose missing")
    assert lines[5] == "(line 1 of this cell)" and len(lines) == 6   # no traceback through numpy
    assert "A_prev.T" not in "\n".join(lines)                      # the idea, not the line of code


def test_an_error_on_what_the_function_returned_names_it(executed):
    error, lines = _error(executed["pair test"])
    assert error.ename == "ValueError"
    assert lines[0] == "the test could not use what `pair` returned"
    assert "not enough values to unpack" in lines[2] and "Likely mistake: a different number of values" in lines[3]


def test_a_list_where_an_array_is_asked_is_named_by_the_test_and_the_demo(executed):
    _, lines = _error(executed["gradient_descent test"])
    assert lines[0] == "path should be a numpy array of shape (4, 2), got a list of 4 items."
    assert _printed(executed["gradient_descent demo"]) == (
        "`gradient_descent` does not pass its visible test yet: path should be a numpy array of shape (4, 2), "
        "got a list of 4 items. Fix it, then run this cell again\n")


def test_a_demo_after_an_error_in_the_students_function_says_one_line_and_run_all_goes_on(executed):
    printed = _printed(executed["linear_backward demo"])
    # Its test failed first, so the demo does not run it again: it says why in one line.
    assert printed.startswith("`linear_backward` does not pass its visible test yet: it stopped with ValueError: matmul:")
    assert printed.count("\n") == 1
    assert not [o for o in executed["linear_backward demo"] if o.output_type == "error"]
    assert _printed(executed["last"]) == "the end\n"


def test_a_test_cell_whose_function_is_not_defined_asks_for_its_cell(executed):
    error, lines = _error(executed["test before its function ran"])
    assert error.ename == "NameError"
    assert lines[0] == "`not_run_yet` is not defined: run the cell above that defines it, then this one"


def test_a_demo_refuses_a_function_whose_test_failed_on_a_value(executed):
    error, lines = _error(executed["descent test"])
    assert lines[0] == "theta0 was modified in place."
    assert _printed(executed["descent demo"]) == (
        "`descent` does not pass its visible test yet: theta0 was modified in place. "
        "Fix it, then run this cell again\n")
    assert _printed(executed["last"]) == "the end\n"


def test_a_syntax_error_in_a_solution_cell_is_named_where_its_function_is_needed(executed):
    error, lines = _error(executed["syntax error test"])
    assert error.ename == "NameError"       # still an error: the test cell scores zero
    assert lines[0] == ("the cell that defines `broken` has a SyntaxError at line 2 (invalid syntax): "
                        "fix that line and run that cell, then this one"), lines
    assert _printed(executed["syntax error demo"]) == lines[0] + "\n"


def test_the_function_a_test_cell_tests_is_the_one_defined_last(executed):
    assert _printed(executed["answer demo"]).startswith("`answer` does not pass its visible test yet: answer(1) is 1.")


def test_a_test_that_ran_the_version_from_before_a_syntax_error_says_so(executed):
    printed = ANSI.sub("", _printed(executed["twice test"]))
    assert "note: the cell that defines `twice` has a SyntaxError at line 2 (invalid syntax), so this test ran " \
           "the `twice` from before" in printed, printed


def test_a_syntax_error_reads_with_its_line_in_the_cell_not_ipythons_cell_number(executed):
    error, lines = _error(executed["syntax error"])
    assert error.ename == "SyntaxError"
    assert lines[:2] == ["SyntaxError at line 2 of this cell: invalid syntax", "    y = x +"], lines
    assert lines[2].strip() == "^" and not any("Cell In" in line for line in lines)

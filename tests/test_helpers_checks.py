import re

import numpy as np
import pytest

from helpers import checks, messages


def message_of(fn, *args, **kwargs):
    with pytest.raises(AssertionError) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_check_close_passes_within_tolerance():
    checks.check_close("x", np.array([1.0, 2.0]), [1.0, 2.0 + 1e-9])


def test_check_close_message_says_expected_got_and_hint():
    msg = message_of(checks.check_close, "loss", 4.0, 2.0, hint="divide by m")
    assert "loss is not the expected value" in msg
    assert "expected: 2.0" in msg and "got:      4.0" in msg and "hint:     divide by m" in msg


def test_check_close_reports_shape_mismatch_before_values():
    msg = message_of(checks.check_close, "dW1", np.zeros((2, 3)), np.zeros((3, 2)))
    assert "wrong shape" in msg and "(3, 2)" in msg and "(2, 3)" in msg


def test_check_close_rejects_nan():
    message_of(checks.check_close, "x", np.nan, np.nan)


def test_check_shape_and_type():
    checks.check_shape("A", np.zeros((1, 4)), (1, 4))
    assert "numpy array" in message_of(checks.check_shape, "A", [[0, 0]], (1, 2))
    assert "(1, 4)" in message_of(checks.check_shape, "A", np.zeros((4, 1)), (1, 4))
    checks.check_type("p", {}, dict)
    assert "dict" in message_of(checks.check_type, "p", [], dict)
    assert "dict or tuple" in message_of(checks.check_type, "p", 1, (dict, tuple))


def test_check_float_accepts_numbers_but_not_arrays_or_bools():
    checks.check_float("loss", 0.5)
    checks.check_float("loss", np.float64(0.5))
    assert "single number" in message_of(checks.check_float, "loss", np.array([0.5]))
    message_of(checks.check_float, "loss", True)


def test_check_finite_and_true_and_unchanged():
    checks.check_finite("a", [1.0, 2.0])
    assert "NaN or infinity" in message_of(checks.check_finite, "a", [1.0, np.inf])
    checks.check_true(True, "fine")
    assert message_of(checks.check_true, False, "losses must fall", hint="lower the rate") == \
        "losses must fall\n  hint:     lower the rate"
    a = np.arange(3.0)
    checks.check_unchanged("x", a, a.copy())
    assert "modified in place" in message_of(checks.check_unchanged, "x", a, a + 1)


def test_check_unchanged_shows_what_the_argument_became():
    message = message_of(checks.check_unchanged, "theta0", np.array([1.0, -2.0]), np.array([0.25, -0.5]))
    assert "got:      [0.25, -0.5] (it was [1.0, -2.0])" in message
    big = np.arange(20.0).reshape(4, 5)
    changed = big.copy()
    changed[1, 2] = -1.0
    assert "got:      1 of 20 entries changed; entry (1, 2) is -1.0 (it was 7.0)" in \
        message_of(checks.check_unchanged, "X", big, changed)


def test_once_solved_names_the_function_to_write_and_drops_started_figures(capsys):
    import matplotlib.pyplot as plt

    def fit_sine(x):
        raise NotImplementedError()

    plt.subplots(2, 2)
    with checks.once_solved("sine_regression"):
        fit_sine(1.0)
    assert capsys.readouterr().out == "not solved yet: write `fit_sine` above, then run this cell again\n"
    assert plt.get_fignums() == []


def test_a_failed_check_renders_as_its_message_and_the_calling_line():
    with pytest.raises(AssertionError) as caught:
        checks.check_close("mse_loss(...)", 2.0, 1.5, hint="square every error")
    lines = [messages_ansi.sub("", line) for line in caught.value._render_traceback_()]
    assert lines[:4] == ["mse_loss(...) is not the expected value.", "  expected: 1.5", "  got:      2.0",
                         "  hint:     square every error"]
    assert lines[4].startswith("(line ") and "checks.py" not in "".join(lines)


def test_once_solved_lets_other_errors_through():
    # Before any of the student's functions ran, an error is the course's own: it must show.
    with pytest.raises(ValueError):
        with checks.once_solved("forward"):
            raise ValueError("real bug")


def test_check_shape_names_a_list_where_an_array_is_asked_and_what_to_do_about_it():
    path = [np.zeros(2) for _ in range(4)]
    with pytest.raises(AssertionError) as caught:
        checks.check_shape("path", path, (4, 2), hint="n_steps + 1 rows: the start, then one row per step")
    text = str(caught.value)
    assert text.splitlines()[0] == "path should be a numpy array of shape (4, 2), got a list of 4 items."
    assert "np.array" in text and "n_steps + 1 rows" not in text   # the hint for the real problem
    with pytest.raises(AssertionError) as caught:
        checks.check_close("path", [[1.0, 2.0], [3.0]], [[1.0, 2.0], [3.0, 4.0]])
    assert "cannot be read as numbers" in str(caught.value)


GRADIENT_DESCENT_WITH_A_LIST = (
    "def gradient_descent(grad_fn, theta0, lr, n_steps):\n"
    "    theta, path = theta0.copy(), [theta0.copy()]\n"
    "    for _ in range(n_steps):\n"
    "        theta = theta - lr * grad_fn(theta)\n"
    "        path.append(theta.copy())\n"
    "    return theta, path\n")
DEMO = ("with once_solved('gradient_descent'):\n"
        "    calls.append(1)\n"
        "    _, path = gradient_descent(lambda t: t, np.ones(2), 0.1, 5)\n"
        "    calls.append(2)\n"
        "    print(path.T)\n")


def test_a_demo_says_what_came_when_the_students_function_returns_the_wrong_type(capsys):
    namespace = _notebook_with(GRADIENT_DESCENT_WITH_A_LIST)
    namespace.update(np=np, calls=[])
    exec(DEMO, namespace)      # no traceback: Run All goes on
    out = capsys.readouterr().out
    assert out.startswith("this demo could not use what your functions returned "
                          "(`gradient_descent` returned (ndarray of shape (2,), list of 6 items))"), out
    assert "AttributeError: 'list' object has no attribute 'T'" in out and out.count("\n") == 1
    assert namespace["gradient_descent"].__code__.co_name == "gradient_descent"   # put back after the demo


def test_a_demo_does_not_run_a_function_whose_test_failed_on_its_type_or_shape(capsys):
    namespace = _notebook_with(GRADIENT_DESCENT_WITH_A_LIST)
    namespace.update(np=np, calls=[])
    code = namespace["gradient_descent"].__code__
    messages.unusable[code] = "path should be a numpy array of shape (4, 2), got a list of 4 items"
    try:
        exec(DEMO, namespace)
    finally:
        messages.unusable.pop(code)
    assert capsys.readouterr().out == (
        "`gradient_descent` does not pass its visible test yet: path should be a numpy array of shape (4, 2), "
        "got a list of 4 items. Fix it, then run this cell again\n")
    assert namespace["calls"] == [1]     # stopped where the function was called, before any plot


def test_a_demo_gives_the_students_function_copies_of_its_arrays(capsys):
    """A function that changes its arguments in place cannot change what the demo's next call starts from."""
    namespace = _notebook_with("def step(theta, params):\n    theta -= 1.0\n    params['W'] += 1.0\n"
                               "    return theta\n")
    namespace.update(np=np, start=np.zeros(2), params={"W": np.zeros(2)})
    exec("with once_solved('step'):\n    first = step(start, params)\n    second = step(start, params)", namespace)
    assert np.array_equal(namespace["start"], [0.0, 0.0]) and np.array_equal(namespace["params"]["W"], [0.0, 0.0])
    assert np.array_equal(namespace["second"], [-1.0, -1.0])
    assert capsys.readouterr().out == ""


def test_an_error_inside_the_students_function_is_one_line_in_a_demo(capsys):
    namespace = _notebook_with("def linear_backward(dZ, A_prev):\n    return dZ @ A_prev\n")
    namespace.update(np=np)
    exec("with once_solved('linear_backward'):\n    linear_backward(np.ones((3, 4)), np.ones((2, 4)))", namespace)
    out = capsys.readouterr().out
    assert out.startswith("`linear_backward` stopped with ValueError: matmul: Input operand 1 has a mismatch"), out
    assert "gufunc" not in out and out.endswith("then run this cell again\n")


messages_ansi = re.compile(r"\x1b\[[0-9;]*m")


def test_the_pass_line_names_the_students_functions_from_the_visible_part_only():
    def mse_loss(a, b):
        return 0.0

    def _h_loss(a):
        return 0.0
    namespace = {"mse_loss": mse_loss, "_h_loss": _h_loss, "check_close": checks.check_close, "helper": mse_loss}
    for f in (mse_loss, _h_loss):
        f.__module__ = "__main__"
    source = ("def helper(x):\n    return x\n\nloss = mse_loss(1, 2)\ncheck_close('x', helper(loss), 0.0)\n"
              "### BEGIN HIDDEN TESTS\nassert _h_loss(mse_loss(3, 4)) == 0.0\n### END HIDDEN TESTS")
    assert messages._called_functions(source, namespace) == ["mse_loss"]


def _demo_needing_predict_proba(namespace):
    """A demo cell of notebook 05: it needs what an earlier cell made with train_phase_classifier."""
    exec("with once_solved('train_phase_classifier'):\n    predict_proba.params", namespace)


def _notebook_with(source):
    namespace = {"once_solved": checks.once_solved, "__name__": "__main__"}
    exec(source, namespace)
    return namespace


def test_a_demo_needing_what_an_unwritten_function_makes_names_that_function(capsys):
    namespace = _notebook_with("def train_phase_classifier(X, y, rng):\n    '''doc'''\n"
                               "    # YOUR CODE HERE\n    raise NotImplementedError()")
    _demo_needing_predict_proba(namespace)
    out = capsys.readouterr().out
    assert out.startswith("not solved yet: write `train_phase_classifier` above, then run the cells from there"), out
    assert "`predict_proba`" in out


def test_a_demo_needing_what_a_written_function_makes_asks_for_the_cell_that_makes_it(capsys):
    namespace = _notebook_with("def train_phase_classifier(X, y, rng):\n    return lambda X: X")
    _demo_needing_predict_proba(namespace)
    assert capsys.readouterr().out == \
        "`predict_proba` is not defined yet: run the cell above that makes it, then this one\n"


def test_a_demo_needing_a_function_whose_cell_has_not_run_says_so(capsys):
    namespace = _notebook_with("")
    exec("with once_solved('fit_sine'):\n    fit_sine(1.0)", namespace)
    assert capsys.readouterr().out == \
        "`fit_sine` is not defined: run the cell above that defines it, then this one\n"
    _demo_needing_predict_proba(namespace)
    assert capsys.readouterr().out.startswith(
        "`train_phase_classifier` not defined: run the cells above this one first")


def test_a_demo_after_a_function_failed_names_the_failure(capsys):
    namespace = _notebook_with("def train_phase_classifier(X, y, rng):\n    raise ValueError('shapes')")
    with pytest.raises(ValueError) as caught:
        namespace["train_phase_classifier"](1, 2, 3)
    messages.note_failure(caught.value)   # as IPython's post_run_cell hook does for a failed cell
    _demo_needing_predict_proba(namespace)
    assert capsys.readouterr().out.startswith("`train_phase_classifier` stopped with a ValueError when it last ran")


def test_a_name_missing_inside_the_students_function_is_their_slip_and_named_in_one_line(capsys):
    namespace = _notebook_with("def fit_sine(x):\n    return undefined_thing * x")
    exec("with once_solved('fit_sine'):\n    fit_sine(1.0)", namespace)
    assert capsys.readouterr().out.startswith(
        "`fit_sine` stopped with NameError: name 'undefined_thing' is not defined (line 2")


def test_a_likely_mistake_reads_as_a_name_then_a_sentence_not_a_chain_of_colons():
    from helpers import mistakes
    entry = {"name": "a sum where a mean was meant",
             "explain": "the squared errors are added up: the MSE is their mean, so divide by the number of examples."}
    line = f"{mistakes.PREFIX} {mistakes.sentence(entry)}"
    assert line == ("Likely mistake: a sum where a mean was meant. The squared errors are added up: the MSE is "
                    "their mean, so divide by the number of examples.")
    assert line.count(":") == 2
    assert mistakes.name_of(line) == "a sum where a mean was meant"
    # An explanation that opens with code keeps it as written.
    code_first = mistakes.sentence({"name": "shape transposed", "explain": "dW comes out (n_in, n_out)."}, "dW1")
    assert code_first == "shape transposed (dW1). dW comes out (n_in, n_out)."
    assert mistakes.name_of(f"{mistakes.PREFIX} {code_first}") == "shape transposed (dW1)"


def _code_names_of_the_notebooks():
    """Every name the source notebooks' code uses (variables, arguments, functions)."""
    import ast
    import json
    import pathlib
    names = set()
    for notebook in pathlib.Path(__file__).resolve().parents[1].glob("source/*/*.ipynb"):
        for cell in json.loads(notebook.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            try:
                tree = ast.parse("".join(cell["source"]))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                names.add(getattr(node, "id", None) or getattr(node, "arg", None)
                          or (node.name if isinstance(node, ast.FunctionDef) else None))
    return names - {None}


def test_no_likely_mistake_line_capitalises_a_code_name():
    from autograder import catalogue
    from helpers import mistakes
    # "a" and "exact" are names in the code as well as English words that may open a sentence.
    code_names = _code_names_of_the_notebooks() - {"a", "exact"}
    assert {"dw", "db", "db1", "m", "theta", "predict"} <= code_names
    explained = list(catalogue.kinds().values()) + list(catalogue.entries().values())
    wrong = []
    for entry in explained:
        first = entry["explain"].split(" ", 1)[0]
        shown = mistakes.sentence(entry).split(". ", 1)[1].split(" ", 1)[0]
        if first in code_names and shown != first:
            wrong.append(entry["explain"])
    assert wrong == []
    assert mistakes.sentence({"name": "missing factor two", "explain": "dw and db are half the right ones."}) == \
        "missing factor two. dw and db are half the right ones."

"""What a student sees in a real kernel: one line per unsolved exercise, a failed check's message
first and alone, one line when the checks pass, and Run All going on past tagged cells."""
import re

import pytest

from kernel_cells import ANSI, TAG, run
from kernel_cells import error as _one_error

CELLS = [
    ("setup", "import matplotlib.pyplot as plt\n%matplotlib inline\n"
              "from helpers.checks import check_close, once_solved", {}),
    ("stub", "def fit_sine(x, y):\n    # YOUR CODE HERE\n    raise NotImplementedError()", TAG),
    ("unsolved test", "predict = fit_sine([1.0], [2.0])\ncheck_close('predict', predict, 1.0)", TAG),
    ("failing check", "value = 2.0\ncheck_close('mse_loss(...)', value, 1.5, hint='square every error')", TAG),
    ("solved", "def mse_loss(a, b):\n    return 1.5", {}),
    ("passing check", "check_close('mse_loss(...)', mse_loss(1, 2), 1.5)", {}),
    ("demo", "fig, axes = plt.subplots(2, 2)\nwith once_solved('sine_regression'):\n"
             "    axes[0, 0].plot(fit_sine([1.0], [2.0])([1.0]))", {}),
    ("demo needing a result", "with once_solved('fit_sine'):\n    print(sine_model.params)", {}),
    ("peek", "import helpers.messages as course_messages\ndef peek():\n    return course_messages.running_cell", {}),
    ("test with hidden tests", "seen = peek()\n### BEGIN HIDDEN TESTS\nSECRET_EXPECTED = 42\nseen_hidden = peek()\n"
                               "### END HIDDEN TESTS", {}),
    ("what student code saw", "print(repr(seen_hidden))", {}),
    # Defined in this order, called the other way round: the pass line lists them as defined.
    ("first", "def first(x):\n    return x", {}),
    ("second", "def second(x):\n    return x", {}),
    ("check calling both", "check_close('second(first(1.0))', second(first(1.0)), 1.0)", {}),
    # A given function (network_loss) and the exercise (fixed_backprop) in one test: the exercise only.
    ("given", "def given_loss(x):\n    return x", {}),
    ("exercise", "def fixed_grad(x):\n    # YOUR CODE HERE\n    return x", TAG),
    ("check calling given and exercise", "check_close('fixed_grad', fixed_grad(given_loss(1.0)), 1.0)", {}),
    ("last", "print('the end')", {}),
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    return run(CELLS, tmp_path_factory.mktemp("nb"))


def _error(outputs):
    return _one_error(outputs)[1]


def test_an_unsolved_exercise_is_one_line_naming_the_function(executed):
    (line,) = _error(executed["unsolved test"])
    # The line of the cell, never IPython's cell number ("Cell In[3]"), which a student cannot find.
    assert line == "not solved yet: write `fit_sine` above  (line 1 of this cell)", line


def test_a_failed_check_shows_its_message_first_and_the_cells_line(executed):
    lines = _error(executed["failing check"])
    assert lines[:4] == ["mse_loss(...) is not the expected value.", "  expected: 1.5", "  got:      2.0",
                         "  hint:     square every error"]
    assert lines[4] == "(line 2 of this cell)" and len(lines) == 5


def test_passing_checks_say_so_in_one_line(executed):
    (out,) = executed["passing check"]
    assert ANSI.sub("", out.text) == "✓ the visible tests pass for `mse_loss` (hidden tests decide the points when graded)\n"
    assert executed["stub"] == [] and executed["setup"] == [] and executed["solved"] == []


def test_the_pass_line_lists_functions_in_the_order_the_notebook_defines_them(executed):
    (out,) = executed["check calling both"]
    assert "for `first`, `second` (" in ANSI.sub("", out.text), out.text


def test_the_pass_line_names_the_exercise_not_the_given_functions_its_test_calls(executed):
    (out,) = executed["check calling given and exercise"]
    assert "the visible tests pass for `fixed_grad` (" in ANSI.sub("", out.text), out.text


def test_a_demo_needing_an_unsolved_exercise_prints_one_line_and_no_empty_figure(executed):
    (out,) = executed["demo"]
    assert out.output_type == "stream"
    assert out.text == "not solved yet: write `fit_sine` above, then run this cell again\n"


def test_run_all_reaches_the_end(executed):
    assert executed["last"][0].text == "the end\n"


def test_a_demo_needing_what_an_unsolved_exercise_makes_names_the_function_to_write(executed):
    (out,) = executed["demo needing a result"]
    assert out.output_type == "stream"
    assert out.text == ("not solved yet: write `fit_sine` above, then run the cells from there down to this one "
                        "(this one needs `sine_model`, which they make)\n")


def test_student_code_cannot_read_a_hidden_test_through_the_course_helpers(executed):
    """helpers.messages keeps the running cell's source to name the tested function: only its visible part."""
    seen = "".join(o.get("text", "") for o in executed["what student code saw"])
    assert "seen = peek()" in seen
    assert "SECRET_EXPECTED" not in seen and "HIDDEN" not in seen


def test_the_student_readme_quotes_a_message_with_backticks_inside_as_one_code_span():
    import pathlib
    readme = (pathlib.Path(__file__).resolve().parents[1] / "student" / "README.md").read_text()
    # Code spans as Markdown reads them: a run of backticks closed by a run of the same length.
    spans = [m.group(2).strip() for m in re.finditer(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", readme)]
    assert "not solved yet: write `mse_loss` above" in spans

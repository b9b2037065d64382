"""What notebooks 03 to 05 teach: prose that matches their own numbers, prompts that ask before
they tell, exercises in the order the reasoning needs, and a closing list of further resources."""
import pathlib
import re

import numpy as np
import pytest

from course import grading_cells_of, nbgrader_meta, read, source_path
from helpers.gradcheck import gradient_check
from inprocess import SolvedNotebook
from test_wrong_answers import solved

TWO_LAYER, DEEP, ISING = "03-two-layer-backprop", "04-vanishing-gradients", "05-ising-classification"


def _cells(assignment):
    return read(source_path(assignment)).cells


def _index(cells, cell_id):
    found = [i for i, c in enumerate(cells) if c.get("id") == cell_id]
    assert len(found) == 1, f"no single cell {cell_id!r}"
    return found[0]


def _index_of_grade_id(cells, grade_id):
    return next(i for i, c in enumerate(cells) if nbgrader_meta(c).get("grade_id") == grade_id)


def _model_answer(cells, grade_id):
    source = cells[_index_of_grade_id(cells, grade_id)].source
    return source.split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]


def _two_decimals(text):
    return set(re.findall(r"(?<![\d.])\d\.\d\d(?!\d)", text))


def _visible_part(source):
    return source.split("### BEGIN HIDDEN TESTS", 1)[0]


# --- 03 ----------------------------------------------------------------------------------------

def test_find_the_bug_comes_right_after_backward_and_nothing_before_it_names_the_bug():
    cells = _cells(TWO_LAYER)
    last_backward_test = max(_index_of_grade_id(cells, g) for g in ("test_backward_1", "test_backward_2"))
    bug_intro = _index(cells, "intro-bug")
    assert bug_intro == last_backward_test + 1, "find-the-bug should follow the tests of backward"
    assert _index_of_grade_id(cells, "find_the_bug") < _index_of_grade_id(cells, "update")
    before = "\n".join(c.source for c in cells[:bug_intro] if c.cell_type == "markdown")
    for giveaway in ("\\sigma'(a)", "sigma'(a)", "\\tanh'(a)", "at the *output*", "instead\nof at the input"):
        assert giveaway not in before, f"the prose before find-the-bug names the slip: {giveaway!r}"
    routine = cells[_index(cells, "intro-bug-code")].source
    assert "sigmoid_deriv(A2)" in routine, "the buggy routine applies sigmoid_deriv to the prediction"


@pytest.mark.slow
def test_the_buggy_routine_has_a_second_bug_beyond_the_output_slope():
    nb = solved(TWO_LAYER)
    ns = nb.fresh_namespace()
    source = nb.nb.cells[_index(nb.nb.cells, "intro-bug-code")].source
    SolvedNotebook.run(source.replace("sigmoid_deriv(A2)", "sigmoid_deriv(Z2)"), ns)
    loss = lambda p: ns["network_loss"](ns["X_bug"], ns["Y_bug"], p)  # noqa: E731
    errors = gradient_check(loss, ns["params_bug"], ns["buggy_backprop"](ns["X_bug"], ns["Y_bug"], ns["params_bug"]))
    assert max(errors.values()) > 1e-3, f"with the output slope fixed, every gradient agrees: {errors}"
    fixed = gradient_check(loss, ns["params_bug"], ns["fixed_backprop"](ns["X_bug"], ns["Y_bug"], ns["params_bug"]))
    assert max(fixed.values()) < 1e-6, fixed


@pytest.mark.slow
def test_visible_bce_test_catches_averaging_over_every_entry():
    nb = solved(TWO_LAYER)
    ns = nb.fresh_namespace()
    wrong = pathlib.Path(__file__).parent / "wrong" / TWO_LAYER / "bce_loss" / "mean_over_all_entries.py"
    SolvedNotebook.run(wrong.read_text(), ns)
    (cell,) = grading_cells_of(nb.nb, "bce_loss")
    with pytest.raises(AssertionError, match="two outputs"):
        SolvedNotebook.run(_visible_part(cell.source), ns)


@pytest.mark.slow
def test_visible_bce_test_tries_exact_predictions_and_accepts_every_guard():
    nb = solved(TWO_LAYER)
    (cell,) = grading_cells_of(nb.nb, "bce_loss")
    tests = pathlib.Path(__file__).parent
    for mistake, says in (("no_clipping", "contains NaN or infinity"), ("clips_too_coarsely", "should cost")):
        ns = nb.fresh_namespace()
        SolvedNotebook.run((tests / "wrong" / TWO_LAYER / "bce_loss" / f"{mistake}.py").read_text(), ns)
        with pytest.raises(AssertionError, match=says):
            SolvedNotebook.run(_visible_part(cell.source), ns)
    for right in sorted((tests / "right" / TWO_LAYER / "bce_loss").glob("*.py")):   # clipping, + 1e-8, ...
        ns = nb.fresh_namespace()
        SolvedNotebook.run(right.read_text(), ns)
        SolvedNotebook.run(_visible_part(cell.source), ns)


@pytest.mark.slow
def test_l2_demo_reaches_underfitting_and_its_text_quotes_it():
    nb = solved(TWO_LAYER)
    summary = nb.namespace["l2_summary"]           # (lambda, training loss, test loss, |W|^2)
    lambdas, train, test = (np.array([row[k] for row in summary]) for k in (0, 1, 2))
    assert np.all(np.diff(lambdas) > 0) and np.all(np.diff(train) > 0), "the training loss should grow with lambda"
    assert test[-1] >= test.min() + 0.1, "at the largest lambda the test loss should be clearly above its best"
    assert train[-1] >= 2 * train[1] and test[-1] - train[-1] < 0.1, \
        "at the largest lambda training and test loss should be high and close together (underfitting)"
    text = nb.nb.cells[_index(nb.nb.cells, "intro-l2-after")].source
    shown = {f"{v:.2f}" for v in np.concatenate([train, test])}
    assert _two_decimals(text) <= shown, f"numbers in the text that the demo does not show: {_two_decimals(text) - shown}"
    assert "underfitting" in text.lower()


@pytest.mark.slow
def test_hidden_size_answer_quotes_the_notebooks_table():
    nb = solved(TWO_LAYER)
    losses, gaps = set(), set()
    for _, train, test in nb.namespace["summary"]:
        losses |= {f"{train:.2f}", f"{test:.2f}"}
        gaps.add(f"{test - train:.2f}")
    quoted = _two_decimals(_model_answer(nb.nb.cells, "hidden_size_reflection"))
    assert quoted <= losses | gaps, f"the model answer quotes numbers the table does not hold: {quoted - losses - gaps}"
    assert losses <= quoted, f"the model answer leaves out losses of the table: {losses - quoted}"


PROMPTS = [  # (assignment, prompt cell, demo cell, explanation cell, phrases only the explanation may hold)
    (TWO_LAYER, "intro-sgd", "demo-2", "intro-sgd-after", ("races ahead", "jagged, because")),
    (TWO_LAYER, "intro-l2", "demo-4", "intro-l2-after", ("underfit", "smooths")),
    (TWO_LAYER, "intro-multi-demo", "demo-7", "intro-multi-after", ("drops", "pay for it")),
    (DEEP, "intro-bounds", "demo-02", "intro-bounds-after", ("factor 4", "factor 2")),
    (DEEP, "intro-train-deep", "demo-train-deep", "intro-train-deep-after", ("does not learn", "ln 2")),
]


@pytest.mark.parametrize("assignment, prompt, demo, after, answers", PROMPTS, ids=[p[1] for p in PROMPTS])
def test_predict_then_run(assignment, prompt, demo, after, answers):
    cells = _cells(assignment)
    assert _index(cells, prompt) < _index(cells, demo) < _index(cells, after)
    assert "Predict before you run" in cells[_index(cells, prompt)].source
    for phrase in answers:
        assert phrase not in cells[_index(cells, prompt)].source, f"{prompt} tells the answer first: {phrase!r}"
        assert phrase in cells[_index(cells, after)].source, f"{after} should explain: {phrase!r}"


# --- 04 ----------------------------------------------------------------------------------------

def test_two_hidden_layer_equations_are_asked_before_deep_backward():
    cells = _cells(DEEP)
    assert _index_of_grade_id(cells, "two_hidden_layers_equations") < _index_of_grade_id(cells, "deep_backward")


def test_relu_expectation_is_derived_not_given():
    cells = _cells(DEEP)
    statement = cells[_index(cells, "intro-ex2")].source
    for giveaway in ("multiplied by $p$", "p^k", "p^{k}"):
        assert giveaway not in statement, f"the exercise gives the answer away: {giveaway!r}"
    (test,) = grading_cells_of(read(source_path(DEEP)), "relu_expected_gradient")
    assert "[1.0, 0.5, 0.25]" not in _visible_part(test.source)


@pytest.mark.slow
def test_deep_sigmoid_network_does_not_learn_where_relu_with_he_does():
    runs = solved(DEEP).namespace["deep_training"]        # label -> (losses, accuracy, relative change per layer)
    sig_losses, _, sig_change = runs["sigmoid, Xavier"]
    relu_losses, relu_accuracy, relu_change = runs["ReLU, He"]
    assert sig_losses[-1] > 0.68, "the deep sigmoid network should stay near ln 2"
    assert relu_losses[-1] < 0.2 and relu_accuracy >= 0.9, "the ReLU network with He initialisation should learn"
    assert sig_change[0] < 1e-2 < relu_change[0], "the sigmoid network's first layer should barely move"
    text = " ".join(_cells(DEEP)[_index(_cells(DEEP), "intro-train-deep-after")].source.split())
    _, sig_accuracy, _ = runs["sigmoid, Xavier"]
    for quoted in (f"the {100 * sig_accuracy:.0f}% of the moons", f"ends near {relu_losses[-1]:.2f}",
                   f"{100 * relu_accuracy:.0f}% of the moons classified correctly"):
        assert quoted in text, f"the text after the demo should quote the demo's numbers: {quoted!r}"


# --- 05 ----------------------------------------------------------------------------------------

def test_magnetization_formula_is_attributed_to_yang():
    cells = _cells(ISING)
    (formula,) = [c.source for c in cells if c.cell_type == "markdown" and "sinh(2/T)" in c.source]
    assert "Yang" in formula and "1952" in formula
    assert "Onsager)" not in cells[_index(cells, "44738fac")].source, "the plot label should credit Yang"


@pytest.mark.slow
def test_what_network_learned_matches_the_notebook():
    nb = solved(ISING)
    answer = " ".join(_model_answer(nb.nb.cells, "what_network_learned").split())
    corr = np.asarray(nb.namespace["corr"], dtype=float)
    W1 = np.asarray(nb.namespace["W1_demo"])
    tracking = np.abs(corr) > 0.9
    words = dict(enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight")))
    assert f"{words[int(tracking.sum())]} of the {words[len(corr)]} units" in answer
    assert f"between {np.abs(corr[tracking]).min():.2f} and {np.abs(corr[tracking]).max():.2f}" in answer
    positive, negative = int((corr[tracking] > 0).sum()), int((corr[tracking] < 0).sum())
    assert f"{words[positive]} positive and {words[negative]} negative" in answer
    (other,) = np.abs(corr[~tracking])
    assert f"correlation of only {other:.2f}" in answer
    means = np.abs(W1.mean(axis=1))[tracking]
    assert f"between {means.min():.3f} and {means.max():.3f}" in answer


# --- all three ---------------------------------------------------------------------------------

@pytest.mark.parametrize("assignment", [TWO_LAYER, DEEP, ISING])
def test_further_resources_close_the_notebook(assignment):
    last = _cells(assignment)[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## Further resources")
    for reference in ("3Blue1Brown", "Goodfellow", "Bengio", "Courville", "chapter 6", "Rumelhart", "Hinton",
                      "Williams", "1986", "Nielsen", "CS231n"):
        assert reference in last.source, f"{assignment}: further resources should cite {reference}"

"""What notebooks 01 and 02 tell the student agrees with what their code and the helpers do.

Prose is held to numbers here: the step-size errors the lesson quotes, the step and floor it says
``gradient_check`` uses, the learning rates the ``lr_reflection`` model answer names. And the shape
of the lessons: a prediction is asked for before the cell that answers it, the student's own
optimisers train a network, and each notebook ends with its further resources.
"""
import inspect
import re

import numpy as np
import pytest

from course import read, source_path
from helpers.gradcheck import gradient_check
from helpers.surfaces import rosenbrock
from inprocess import SolvedNotebook

GD01, CR02 = "01-gradient-descent", "02-chain-rule"


def cells(assignment):
    return {cell.get("id"): cell for cell in read(source_path(assignment)).cells}


def run_cells(assignment, ids):
    """Execute the named cells of a source notebook, in notebook order, in one fresh namespace."""
    namespace = {"__name__": "__main__"}
    for cell in read(source_path(assignment)).cells:
        if cell.get("id") in ids:
            SolvedNotebook.run(cell.source, namespace)
    return namespace


def previous_markdown(assignment, cell_id):
    nb = read(source_path(assignment))
    position = [c.get("id") for c in nb.cells].index(cell_id)
    return nb.cells[position - 1]


# --- 02: the numbers of the numerical-gradient lesson -----------------------------------------------

def test_step_size_claim_matches_central_differences():
    """'about 1e-11 to 1e-10 for steps between 1e-6 and 1e-5' for d/dx sin(3x) at x = 0.7."""
    text = cells(CR02)["intro-step-size-seen"].source
    assert "$10^{-11}$ to $10^{-10}$" in text and "between $10^{-6}$ and $10^{-5}$" in text
    steps = np.logspace(-6, -5, 11)
    errors = np.abs((np.sin(3 * (0.7 + steps)) - np.sin(3 * (0.7 - steps))) / (2 * steps) - 3 * np.cos(2.1))
    assert 1e-11 <= np.median(errors) and errors.max() <= 3e-10, errors


def test_gradient_check_numbers_are_the_lessons():
    """The lesson says gradient_check steps by eps = 1e-6 and floors the relative error at 1e-8."""
    text = cells(CR02)["intro-gradient-check"].source
    assert "`eps = 1e-6`" in text and "$10^{-8}$" in text
    assert inspect.signature(gradient_check).parameters["eps"].default == 1e-6
    # A loss that ignores w has a numerical gradient of exactly 0; against 1e-9 the error is 1e-9 / floor.
    errors = gradient_check(lambda p: 0.0, {"w": np.zeros(1)}, {"dw": np.array([1e-9])})
    assert errors["dw"] == pytest.approx(1e-9 / 1e-8)


# --- 01: the lr_reflection model answer against the explorer's curved valley ------------------------

def _plain_descent(lr, n_steps=100, diverged_above=1e6):
    surface = rosenbrock()
    theta, losses = surface.start.copy(), [float(surface.loss(surface.start))]
    for _ in range(n_steps):
        theta = theta - lr * surface.gradient(theta)
        losses.append(float(surface.loss(theta)))
        if not losses[-1] < diverged_above:
            return theta, np.array(losses), True
    return theta, np.array(losses), False


def test_lr_reflection_numbers_hold_on_the_curved_valley():
    prompt = cells(GD01)["intro-lr-reflection"].source
    assert "curved valley" in prompt and "Predict" in prompt
    # The Hessian's largest eigenvalue at the start and at the minimum, as the prompt states.
    for (t0, t1), stated in (((-1.5, 2.0), 211), ((1.0, 1.0), 102)):
        hessian = np.array([[2 - 40 * t1 + 120 * t0 ** 2, -40 * t0], [-40 * t0, 20.0]])
        assert np.linalg.eigvalsh(hessian).max() == pytest.approx(stated, abs=1)
    # The slider's steps are powers of 10^0.1: 0.01, 0.016, 0.02, 0.025.
    _, small, diverged = _plain_descent(10 ** -2.0)
    assert not diverged and 2.5 < small[-1] < 5.6 and small.max() <= small[0]
    theta, good, diverged = _plain_descent(10 ** -1.7)
    assert not diverged and good[-1] < 5e-3 and 40 < good.max() < 50
    assert np.allclose(theta, [0.99, 0.96], atol=0.01)
    _, slower, diverged = _plain_descent(10 ** -1.8)
    assert not diverged and 0.1 < slower[-1] < 0.3 and slower.max() > slower[0]
    assert _plain_descent(10 ** -1.6)[2] and _plain_descent(0.021)[2]


# --- predict, then run --------------------------------------------------------------------------------

@pytest.mark.parametrize("assignment, run_id", [
    (GD01, "demo-learning-rates"), (GD01, "demo-minibatch-race"), (GD01, "demo-optimizer-race"),
    (GD01, "demo-network-optimizers"), (CR02, "intro-step-size-plot"), (CR02, "intro-dimension-drill-run"),
    (CR02, "intro-cost-demo"),
])
def test_a_prediction_is_asked_before_the_run(assignment, run_id):
    before = previous_markdown(assignment, run_id).source
    assert re.search(r"Predict first|Before running", before), f"{run_id}: no prediction asked before it"


def test_learning_rate_labels_do_not_give_the_answer_away():
    source = cells(GD01)["demo-learning-rates"].source
    assert not re.search(r"too small|too large|diverges|good|zig-zag", source)


# --- 01: the student's optimisers train a network ----------------------------------------------------

def test_the_optimisers_of_01_train_a_network():
    demo = cells(GD01)["demo-network-optimizers"].source
    assert 'once_solved("momentum_step", "rmsprop_step", "adam_step")' in demo
    ns = run_cells(GD01, {"setup-imports", "momentum-step", "rmsprop-step", "adam-step", "demo-network-optimizers"})
    runs = ns["network_runs"]
    assert len(runs) == 4
    for name, (theta, losses) in runs.items():
        assert theta.shape == (65,) and losses[-1] < 0.1 < 0.6 < losses[0], name
    finals = {name.split(" (")[0]: losses[-1] for name, (_, losses) in runs.items()}
    assert finals["Adam"] == min(finals.values())      # what the notebook says after the run


# --- 02: backpropagation against finite differences, in a network ----------------------------------

def test_cost_demo_gradients_agree():
    ids = {"intro-setup", "numerical-gradient", "relative-error", "linear-backward", "intro-cost-demo"}
    ns = run_cells(CR02, ids)
    assert list(ns["n_params"]) == sorted(ns["n_params"]) and ns["n_params"][-1] >= 16 * ns["n_params"][0] / 2
    assert np.all(ns["agree"] < 1e-5)  # the worst entries are tiny gradients, as the notebook says


# --- further resources ---------------------------------------------------------------------------------

@pytest.mark.parametrize("assignment", [GD01, CR02])
def test_notebook_ends_with_further_resources(assignment):
    last = read(source_path(assignment)).cells[-1]
    assert last.cell_type == "markdown" and last.get("id") == "further-resources"
    for reference in ("3Blue1Brown", "Goodfellow", "Rumelhart", "Nielsen", "CS231n"):
        assert reference in last.source, reference

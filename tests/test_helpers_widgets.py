"""The explorers of helpers.widgets, in the kernel: what each redraw computes and shows.

Every expected number is recomputed here independently (the optimisers from their formulas, the
playground with a plain MLPClassifier, the gradient norms with a numpy backward pass), then
compared with the widget's ``last_result`` and the exact text of its readout.
"""
import pathlib
import warnings

import ipywidgets as widgets
import numpy as np
import pytest

import helpers.widgets as explorers
from helpers import widget_depth, widget_descent, widget_moons
from widget_references import (descent_readout, reference_deep_backward, reference_deep_forward, reference_descent,
                               reference_steps,
                               reference_norms, reference_playground)

EXPLORERS = (explorers.learning_rate_explorer, explorers.playground, explorers.depth_explorer)


@pytest.fixture(autouse=True)
def not_grading(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)


# ---------------------------------------------------------------- all explorers

@pytest.mark.parametrize("explorer", EXPLORERS)
def test_grading_gets_a_light_label(explorer, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    shown = explorer(namespace={})
    assert isinstance(shown, widgets.Label) and "skipped while grading" in shown.value


@pytest.mark.parametrize("explorer", EXPLORERS)
def test_controls_are_labelled_in_words_and_shown_in_full(explorer):
    shown = explorer(namespace=globals())
    assert isinstance(shown, widgets.VBox)
    for name, control in shown.controls.items():
        assert name == control.description and len(name) >= 5, name
        assert control.style.description_width == "initial", f"{name} may be cut off"
    assert shown.image.value[:8] == b"\x89PNG\r\n\x1a\n"


EXTREMES = [
    (explorers.learning_rate_explorer, {"learning rate": 1.0, "optimizer": "momentum", "steps": 300}),
    (explorers.playground, {"learning rate": 10 ** 0.5, "batch size": 8, "epochs": 10, "activation": "relu"}),
    (explorers.depth_explorer, {"number of layers": 30, "activation": "relu", "initialisation": "unit variance"}),
    (explorers.depth_explorer, {"number of layers": 30, "activation": "sigmoid", "initialisation": "small (variance 0.01)"}),
]


@pytest.mark.parametrize("explorer, settings", EXTREMES)
def test_extreme_settings_redraw_without_a_warning(explorer, settings):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shown = explorer(namespace={})
        for name, value in settings.items():
            shown.controls[name].value = value
    assert shown.readout.value and shown.image.value[:4] == b"\x89PNG"


def test_helpers_expose_no_exercise_by_name():
    exercises = {"momentum_step", "rmsprop_step", "adam_step", "gradient_descent", "forward", "backward",
                 "train", "update", "bce_loss", "deep_forward", "deep_backward", "gradient_norms",
                 "xavier_init", "he_init", "sigmoid_chain_bound", "relu_expected_gradient", "clip_by_norm"}
    for module in (explorers, widget_descent, widget_moons, widget_depth):
        assert not exercises & set(vars(module)), module.__name__


# ---------------------------------------------------------------- 01 learning-rate explorer

def test_learning_rate_explorer_starts_on_plain_descent_in_the_valley():
    shown = explorers.learning_rate_explorer(namespace={})
    surface = widget_descent.SURFACES["narrow valley"]
    lr = shown.controls["learning rate"].value
    assert lr == pytest.approx(10 ** -1.3)
    path, diverged = reference_descent(surface, "GD", lr, 100)
    np.testing.assert_allclose(shown.last_result["path"], path, rtol=1e-12, atol=1e-14)
    assert shown.readout.value == descent_readout("GD", lr, surface, path, diverged)
    assert diverged is None


@pytest.mark.parametrize("optimizer", widget_descent.OPTIMIZERS)
@pytest.mark.parametrize("exponent", [-3.0, -1.0, -0.3])
@pytest.mark.parametrize("surface_name", list(widget_descent.SURFACES))
def test_each_optimizer_matches_its_formula(optimizer, exponent, surface_name):
    surface = widget_descent.SURFACES[surface_name]
    got = widget_descent.descend(surface, optimizer, 10 ** exponent, 100)
    # Every step follows the formula from the point before it...
    np.testing.assert_allclose(got["path"], reference_steps(surface, optimizer, 10 ** exponent, got["path"]),
                               rtol=1e-12, atol=1e-12)
    path, diverged = reference_descent(surface, optimizer, 10 ** exponent, 100)
    assert got["diverged_at"] == diverged
    # ... and the whole run equals the formula's, except where RMSProp's fixed-size steps bounce
    # chaotically around the minimum: there rounding in another order leads elsewhere.
    chaotic = optimizer == "RMSProp" and exponent >= -1.0 and diverged is None
    compared = 20 if chaotic else len(path)
    np.testing.assert_allclose(got["path"][:compared], path[:compared], rtol=1e-9, atol=1e-12)
    assert widget_descent.readout("", optimizer, 10 ** exponent, got) == descent_readout(
        optimizer, 10 ** exponent, surface, got["path"] if chaotic else path, diverged)


def test_every_control_of_the_learning_rate_explorer_redraws():
    shown = explorers.learning_rate_explorer(namespace={})
    for name, value in [("optimizer", "momentum"), ("steps", 40), ("surface", "curved valley"),
                        ("learning rate", 10 ** -2.5)]:
        shown.controls[name].value = value
        surface = widget_descent.SURFACES[shown.controls["surface"].value]
        lr, optimizer = shown.controls["learning rate"].value, shown.controls["optimizer"].value
        path, diverged = reference_descent(surface, optimizer, lr, shown.controls["steps"].value)
        np.testing.assert_allclose(shown.last_result["path"], path, rtol=1e-9, atol=1e-12)
        assert shown.readout.value == descent_readout(optimizer, lr, surface, path, diverged)


def test_a_too_large_learning_rate_is_reported_as_divergence_without_warnings():
    shown = explorers.learning_rate_explorer(namespace={})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shown.controls["learning rate"].value = 1.0
    assert "diverged at step" in shown.readout.value
    assert np.all(np.isfinite(shown.last_result["path"]))


def own_optimizers(broken=None):
    """The student's optimiser functions, written the way the notebook asks for them."""
    def gradient_descent(grad_fn, theta0, lr, n_steps):
        theta, path = np.array(theta0, dtype=float), [np.array(theta0, dtype=float)]
        for _ in range(n_steps):
            theta = theta - lr * grad_fn(theta)
            path.append(theta)
        return theta, np.array(path)

    def momentum_step(theta, grad, velocity, lr, beta=0.9):
        velocity = beta * velocity + grad
        return theta - lr * velocity, velocity

    def rmsprop_step(theta, grad, sq_avg, lr, rho=0.9, eps=1e-8):
        sq_avg = rho * sq_avg + (1 - rho) * grad ** 2
        return theta - lr * grad / (np.sqrt(sq_avg) + eps), sq_avg

    def adam_step(theta, grad, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        t = state["t"] + 1
        m = beta1 * state["m"] + (1 - beta1) * grad
        v = beta2 * state["v"] + (1 - beta2) * grad ** 2
        step = (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
        return theta - lr * step, {"m": m, "v": v, "t": t}

    functions = dict(gradient_descent=gradient_descent, momentum_step=momentum_step,
                     rmsprop_step=rmsprop_step, adam_step=adam_step)
    if broken:
        def not_done(*args, **kwargs):
            raise NotImplementedError()
        functions[broken] = not_done
    return functions


def test_own_optimizers_stay_off_until_one_runs():
    def not_done(*args, **kwargs):
        raise NotImplementedError()
    for namespace in ({}, {name: not_done for name in widget_descent.OWN_FUNCTIONS.values()}):
        toggle = explorers.learning_rate_explorer(namespace=namespace).controls["use my functions"]
        assert toggle.disabled and toggle.functions is None
        # Run All runs the explorer before the cells further down: "have not run yet" would be wrong.
        assert toggle.note.value in ("your gradient_descent, momentum_step, rmsprop_step, adam_step were not defined "
                                     "when this cell ran (their cells may be further down: run them first). "
                                     "Run this cell again once they work.",
                                     "your gradient_descent, momentum_step, rmsprop_step, adam_step are not solved yet. "
                                     "Run this cell again once they work.")


def test_a_function_whose_visible_test_failed_is_not_offered():
    """A gradient_descent that runs but failed its test (it changes theta0 in place) is not used."""
    from helpers import messages
    namespace = own_optimizers()
    code = namespace["gradient_descent"].__code__
    messages.unusable[code] = "theta0 was modified in place"
    try:
        toggle = explorers.learning_rate_explorer(namespace=namespace).controls["use my functions"]
    finally:
        messages.unusable.pop(code)
    assert "gradient_descent" not in toggle.functions
    assert toggle.note.value == ("using your momentum_step, rmsprop_step, adam_step; your gradient_descent fails its "
                                 "visible test (theta0 was modified in place). Run this cell again once it works.")


def test_only_the_ready_optimizers_are_used():
    shown = explorers.learning_rate_explorer(namespace=own_optimizers(broken="adam_step"))
    toggle = shown.controls["use my functions"]
    assert toggle.note.value == ("using your gradient_descent, momentum_step, rmsprop_step; "
                                 "your adam_step is not solved yet. Run this cell again once it works.")
    toggle.value = True
    assert shown.readout.value.startswith("your functions: GD")
    shown.controls["optimizer"].value = "Adam"
    assert shown.readout.value.startswith("Adam (the course's, since your adam_step is not solved yet), learning rate ")


def test_an_optimizer_whose_test_failed_is_named_in_the_readout_and_the_title_stays_short():
    from helpers import messages
    namespace = own_optimizers()
    messages.unusable[namespace["momentum_step"].__code__] = "its visible test failed"
    try:
        shown = explorers.learning_rate_explorer(namespace=namespace)
        shown.controls["use my functions"].value = True
        shown.controls["optimizer"].value = "momentum"
    finally:
        messages.unusable.pop(namespace["momentum_step"].__code__, None)
    assert shown.readout.value.startswith(
        "momentum (the course's, since your momentum_step fails its visible test), learning rate "), shown.readout.value
    lr = shown.controls["learning rate"].value
    assert widget_descent.title("momentum", lr) == f"momentum, lr {lr:.3g}"


@pytest.mark.parametrize("optimizer", widget_descent.OPTIMIZERS)
def test_own_optimizers_draw_the_same_path(optimizer):
    shown = explorers.learning_rate_explorer(namespace=own_optimizers())
    toggle = shown.controls["use my functions"]
    assert not toggle.disabled
    shown.controls["optimizer"].value = optimizer
    builtin = shown.last_result["path"]
    toggle.value = True
    assert shown.readout.value.startswith("your functions: ")
    # The same formulas, perhaps in another order of operations: equal up to rounding.
    np.testing.assert_allclose(shown.last_result["path"], builtin, rtol=1e-6, atol=1e-6)
    shown.controls["learning rate"].value = 1.0
    if optimizer == "GD":
        assert "diverged" in shown.readout.value


# ---------------------------------------------------------------- 03 playground

def test_playground_default_matches_a_plain_mlp():
    shown = explorers.playground(namespace={})
    result = shown.last_result
    accuracy, train_accuracy, loss, epochs = reference_playground(*result["settings"])
    assert result["settings"] == (1.0, 16, "tanh", 0.0, 0.2, 32, 60)
    assert len(result["train_losses"]) == len(result["test_losses"]) == epochs == 60
    assert result["test_losses"][-1] == pytest.approx(loss, rel=1e-9)
    assert shown.readout.value == f"test accuracy: {accuracy:.3f} · train accuracy: {train_accuracy:.3f}"


def test_every_playground_control_retrains():
    shown = explorers.playground(namespace={})
    for control, value in [("epochs", 30), ("learning rate", 10 ** -0.5), ("hidden units", 3), ("activation", "relu"),
                           ("activation", "sigmoid"), ("L2 strength", 2.0), ("dataset noise", 0.35), ("batch size", 200)]:
        shown.controls[control].value = value
        accuracy, train_accuracy, loss, _ = reference_playground(*shown.last_result["settings"])
        assert shown.last_result["settings"][list(shown.controls).index(control)] == value
        assert shown.last_result["test_losses"][-1] == pytest.approx(loss, rel=1e-9), control
        assert shown.readout.value == f"test accuracy: {accuracy:.3f} · train accuracy: {train_accuracy:.3f}"


def linear_train_and_forward():
    """A stand-in for the student's ``train`` and ``forward``: a fixed linear classifier."""
    def train(X, Y, n_h, epochs, lr, activation="tanh", reg_lambda=0.0, batch_size=None, rng=None):
        return {"w": np.array([[1.0, -3.0]]), "b": 0.5}, [0.7 - 0.001 * k for k in range(epochs)]

    def forward(X, params, activation="sigmoid"):
        A2 = 1 / (1 + np.exp(-(params["w"] @ X + params["b"])))
        return A2, {"A2": A2}
    return {"train": train, "forward": forward}


def test_playground_uses_the_students_train_and_forward_once_they_run():
    def not_done(*args, **kwargs):
        raise NotImplementedError()
    assert explorers.playground(namespace={"train": not_done, "forward": not_done}).controls["use my functions"].disabled
    shown = explorers.playground(namespace=linear_train_and_forward())
    shown.controls["use my functions"].value = True
    _, _, X_test, Y_test = widget_moons.moons(0.2)
    expected = np.mean(((np.array([[1.0, -3.0]]) @ X_test + 0.5) > 0) == Y_test)
    assert shown.readout.value.startswith(f"your functions: test accuracy: {expected:.3f}")
    assert len(shown.last_result["train_losses"]) == 60


# ---------------------------------------------------------------- 04 depth explorer

@pytest.mark.parametrize("activation", list(widget_depth.ACTIVATIONS))
@pytest.mark.parametrize("initialisation", list(widget_depth.INITIALISATIONS))
def test_depth_engine_norms_match_a_numpy_backward_pass(activation, initialisation):
    got = widget_depth.layer_gradient_norms(7, activation, initialisation)
    expected = reference_norms(7, activation, initialisation)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-300)
    slope = {"sigmoid": 0.25}.get(activation, 1.0)
    np.testing.assert_allclose(widget_depth.reference_line(got, activation), expected[-1] * slope ** np.arange(6, -1, -1))
    assert widget_depth.readout(got, activation) == (
        f"||dW1|| / ||dW7|| = {expected[0] / expected[-1]:.3g} · analytic bound {slope:g}^6 = {slope ** 6:.3g}")


def test_the_shipped_table_matches_a_numpy_backward_pass_for_every_setting():
    for settings in widget_depth.settings():
        np.testing.assert_allclose(widget_depth.layer_gradient_norms(*settings), reference_norms(*settings),
                                   rtol=1e-9, atol=1e-300, err_msg=str(settings))
    with pytest.raises(ValueError, match="2 to 30 layers"):
        widget_depth.layer_gradient_norms(widget_depth.MAX_LAYERS + 1, "tanh", "He")


def test_the_built_in_explorer_runs_no_backward_pass(monkeypatch):
    """Until the student's functions run, the bars come from the shipped table: no backward pass
    (scikit-learn's or any other) that a student could call on an exercise's weights."""
    from sklearn.neural_network import MLPClassifier

    def no_backprop(*args, **kwargs):
        raise AssertionError("the built-in depth explorer ran scikit-learn's backward pass")
    monkeypatch.setattr(MLPClassifier, "_backprop", no_backprop)
    shown = explorers.depth_explorer(namespace={})
    for name, value in [("number of layers", 30), ("activation", "relu"), ("initialisation", "small (variance 0.01)")]:
        shown.controls[name].value = value
        assert shown.readout.value.startswith("||dW1|| / ||dW30|| = "), shown.readout.value
    source = pathlib.Path(widget_depth.__file__).read_text()
    assert "import sklearn" not in source and "from sklearn" not in source


def test_every_control_of_the_depth_explorer_redraws():
    shown = explorers.depth_explorer(namespace={})
    for name, value in [("number of layers", 5), ("activation", "tanh"), ("initialisation", "He")]:
        shown.controls[name].value = value
        settings = [shown.controls[n].value for n in ("number of layers", "activation", "initialisation")]
        expected = reference_norms(*settings)
        np.testing.assert_allclose(shown.last_result["norms"], expected, rtol=1e-9)
        assert shown.readout.value.startswith(f"||dW1|| / ||dW{settings[0]}|| = {expected[0] / expected[-1]:.3g} · ")


def test_sigmoid_gradients_vanish_with_depth():
    shown = explorers.depth_explorer(namespace={})
    shallow = shown.last_result["norms"]
    shown.controls["number of layers"].value = 20
    deep = shown.last_result["norms"]
    assert deep[0] / deep[-1] < 1e-8 < shallow[0] / shallow[-1]


def test_depth_explorer_uses_the_students_functions_once_they_run():
    def not_done(*args, **kwargs):
        raise NotImplementedError()
    def gradient_norms(grads):
        return np.array([np.linalg.norm(grads[f"dW{layer}"]) for layer in range(1, len(grads) // 2 + 1)])
    own = {"deep_forward": reference_deep_forward, "deep_backward": reference_deep_backward,
           "gradient_norms": gradient_norms}
    for unsolved in widget_depth.OWN_FUNCTIONS:  # all three are needed: the explorer computes no norm itself
        off = explorers.depth_explorer(namespace=dict(own, **{unsolved: not_done}))
        assert off.controls["use my functions"].disabled, unsolved
    shown = explorers.depth_explorer(namespace=own)
    builtin = shown.last_result["norms"]
    shown.controls["use my functions"].value = True
    assert shown.readout.value.startswith("your functions: ||dW1||")
    np.testing.assert_allclose(shown.last_result["norms"], builtin, rtol=1e-9)
    shown.controls["number of layers"].value = 25
    np.testing.assert_allclose(shown.last_result["norms"], reference_norms(25, "sigmoid", "Xavier"), rtol=1e-9)


def test_a_function_that_breaks_later_is_reported_not_raised():
    calls = []

    def flaky_forward(X, params, activation="sigmoid"):
        calls.append(1)
        if len(calls) > 1:
            raise ValueError("shapes do not align")
        return np.full((1, X.shape[1]), 0.5), {}
    namespace = dict(linear_train_and_forward(), forward=flaky_forward)
    shown = explorers.playground(namespace=namespace)
    before = shown.image.value
    shown.controls["use my functions"].value = True
    assert shown.readout.value == "could not redraw: ValueError: shapes do not align"
    assert shown.image.value == before

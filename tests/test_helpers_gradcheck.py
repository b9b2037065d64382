import numpy as np
import pytest

from helpers.gradcheck import gradient_check


def quadratic(params):
    return float(np.sum(params["W"] ** 2) + 3.0 * np.sum(params["b"]))


def test_correct_gradients_agree():
    rng = np.random.default_rng(0)
    params = {"W": rng.standard_normal((3, 2)), "b": rng.standard_normal((3, 1))}
    grads = {"dW": 2 * params["W"], "db": 3.0 * np.ones((3, 1))}
    errors = gradient_check(quadratic, params, grads)
    assert set(errors) == {"dW", "db"} and max(errors.values()) < 1e-7


def test_wrong_gradients_are_flagged_and_params_untouched():
    params = {"W": np.array([[1.0, -2.0]]), "b": np.zeros((1, 1))}
    before = params["W"].copy()
    errors = gradient_check(quadratic, params, {"dW": params["W"], "db": np.full((1, 1), 3.0)})
    assert errors["dW"] > 0.3 and errors["db"] < 1e-7
    assert np.array_equal(params["W"], before)


def test_max_entries_samples_a_subset():
    params = {"W": np.ones((50, 50))}
    calls = []

    def loss(p):
        calls.append(1)
        return float(np.sum(p["W"] ** 2))
    gradient_check(loss, params, {"dW": 2 * params["W"]}, max_entries=10, rng=np.random.default_rng(1))
    assert len(calls) == 40  # four points of the stencil per probed entry


def test_clear_errors_on_bad_input():
    with pytest.raises(KeyError, match="dW"):
        gradient_check(quadratic, {"W": np.ones(2)}, {})
    with pytest.raises(ValueError, match="shape"):
        gradient_check(quadratic, {"W": np.ones(2)}, {"dW": np.ones(3)})
    with pytest.raises(TypeError, match="loss_fn"):
        gradient_check({"W": 1}, {}, {})


def test_the_stencil_is_fourth_order_not_central_differences():
    # f = x^5 at x = 1 with a coarse step: central differences are off by 10 h^2 = 1e-3 relative to
    # f' = 5, the five-point stencil by O(h^4) only.
    params = {"x": np.array([1.0])}
    errors = gradient_check(lambda p: float(p["x"][0] ** 5), params, {"dx": np.array([5.0])}, eps=1e-2)
    assert errors["dx"] < 1e-6


def test_the_error_is_relative_to_the_whole_array():
    # One entry off by 1 among entries of size 100: small against the norm of the whole gradient.
    params = {"W": np.full(4, 50.0)}
    grads = {"dW": np.array([100.0, 100.0, 100.0, 101.0])}
    errors = gradient_check(lambda p: float(np.sum(p["W"] ** 2)), params, grads)
    assert errors["dW"] == pytest.approx(1.0 / (200.0 + np.linalg.norm(grads["dW"])), rel=1e-4)

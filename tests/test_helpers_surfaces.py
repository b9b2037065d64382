"""The 2-D loss surfaces: gradients agree with finite differences, minima are minima, plots draw."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.descent_plots import plot_descent_paths, plot_surface_contours  # noqa: E402
from helpers.surfaces import quadratic_valley, rosenbrock  # noqa: E402

SURFACES = [quadratic_valley(), quadratic_valley(condition=10.0, angle=0.0, center=(1.0, -2.0)),
            rosenbrock(), rosenbrock(a=0.5, b=3.0)]


def _finite_difference(loss, theta, eps=1e-6):
    grad = np.zeros(2)
    for i in range(2):
        step = np.zeros(2)
        step[i] = eps
        grad[i] = (loss(theta + step) - loss(theta - step)) / (2 * eps)
    return grad


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_gradient_matches_finite_differences(surface):
    rng = np.random.default_rng(0)
    for _ in range(5):
        theta = np.array([rng.uniform(*surface.xlim), rng.uniform(*surface.ylim)])
        numeric = _finite_difference(surface.loss, theta)
        assert np.allclose(surface.gradient(theta), numeric, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_minimum_is_a_stationary_minimum(surface):
    assert np.allclose(surface.gradient(surface.minimum), 0.0)
    assert float(surface.loss(surface.minimum)) == pytest.approx(0.0, abs=1e-12)
    rng = np.random.default_rng(1)
    around = surface.minimum[:, None] + 0.1 * rng.standard_normal((2, 50))
    assert np.all(surface.loss(around) > 0.0)
    assert float(surface.loss(surface.start)) > 1.0


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_grid_and_point_evaluation_agree(surface):
    xx, yy, zz = surface.grid(resolution=7)
    assert xx.shape == yy.shape == zz.shape == (7, 7)
    assert zz[3, 4] == pytest.approx(float(surface.loss(np.array([xx[3, 4], yy[3, 4]]))))
    grads = surface.gradient(np.stack([xx, yy]))
    assert grads.shape == (2, 7, 7)
    assert np.allclose(grads[:, 2, 5], surface.gradient(np.array([xx[2, 5], yy[2, 5]])))


def test_valley_condition_sets_the_curvatures():
    valley = quadratic_valley(condition=25.0, angle=0.3)
    # Exactly quadratic, so the Hessian comes out of two gradient evaluations per column.
    hessian = np.column_stack([valley.gradient(np.eye(2)[i]) - valley.gradient(np.zeros(2)) for i in range(2)])
    assert np.allclose(np.linalg.eigvalsh(hessian), [1.0, 25.0])


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError, match="2 coordinates"):
        quadratic_valley().loss(np.zeros(3))
    with pytest.raises(ValueError, match="condition"):
        quadratic_valley(condition=0.5)
    with pytest.raises(ValueError, match="b must be positive"):
        rosenbrock(b=0.0)


def test_paths_are_drawn_and_checked():
    valley = quadratic_valley()
    path = np.array([valley.start, valley.start * 0.5, [np.inf, np.nan]])
    ax = plot_descent_paths(valley, {"gd": path, "other": path[:2]})
    labels = [line.get_label() for line in ax.get_lines()]
    assert "gd" in labels and "other" in labels
    gd_line = next(line for line in ax.get_lines() if line.get_label() == "gd")
    assert len(gd_line.get_xdata()) == 2  # the non-finite point is dropped, not drawn
    with pytest.raises(ValueError, match=r"shape \(k, 2\)"):
        plot_descent_paths(valley, {"bad": np.zeros((4, 3))})
    assert plot_surface_contours(rosenbrock()).get_title().startswith("Rosenbrock")
    plt.close("all")

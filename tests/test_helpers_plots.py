import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers import plots  # noqa: E402


def test_decision_boundary_draws_the_half_contour_and_points():
    X = np.array([[0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0]])
    Y = np.array([[0, 1, 0, 1]])
    seen = []

    def proba(P):
        seen.append(P.shape)
        return (P[0] > 0.5).astype(float).reshape(1, -1)
    ax = plots.plot_decision_boundary(proba, X, Y, title="t", resolution=30)
    assert seen == [(2, 900)]
    assert ax.get_title() == "t" and len(ax.collections) >= 3
    plt.close("all")


def test_plot_losses_one_line_per_curve():
    ax = plots.plot_losses({"a": [3, 2, 1], "b": [1, 1]}, log=True)
    assert [line.get_label() for line in ax.lines] == ["a", "b"]
    assert ax.get_yscale() == "log"
    plt.close("all")

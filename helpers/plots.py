"""Pictures shared by the notebooks: decision boundaries and loss curves."""
import matplotlib.pyplot as plt
import numpy as np

CLASS_COLORS = ("#1f77b4", "#d62728")


def _axes(ax, figsize=(5, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def boundary_grid(X, resolution=200, margin=0.5):
    """A grid covering the data: returns ``xx, yy`` and the grid points as a ``(2, k)`` matrix."""
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(predict_proba, X, Y, ax=None, title=None, X_test=None, Y_test=None, resolution=200):
    """Shade P(class 1) over the plane and draw the 0.5 contour with the points on top.

    predict_proba maps a ``(2, k)`` matrix of points to ``(1, k)`` probabilities.
    """
    ax = _axes(ax)
    xx, yy, grid = boundary_grid(X if X_test is None else np.hstack([X, X_test]), resolution)
    proba = np.asarray(predict_proba(grid)).reshape(xx.shape)
    ax.contourf(xx, yy, proba, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.35)
    ax.contour(xx, yy, proba, levels=[0.5], colors="k", linewidths=1.5)
    labels = np.asarray(Y).ravel().astype(int)
    for cls in (0, 1):
        pts = X[:, labels == cls]
        ax.scatter(pts[0], pts[1], s=14, c=CLASS_COLORS[cls], edgecolors="white", linewidths=0.3,
                   label=f"class {cls}")
    if X_test is not None:
        test_labels = np.asarray(Y_test).ravel().astype(int)
        for cls in (0, 1):
            pts = X_test[:, test_labels == cls]
            ax.scatter(pts[0], pts[1], s=22, facecolors="none", edgecolors=CLASS_COLORS[cls],
                       linewidths=1.0, label=f"test, class {cls}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def plot_losses(curves, ax=None, title=None, log=False, xlabel="epoch", ylabel="loss"):
    """One line per entry of ``curves`` (a dict of label -> sequence of losses)."""
    ax = _axes(ax)
    for label, values in curves.items():
        ax.plot(np.arange(len(values)), values, label=label, lw=1.5)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if len(curves) > 1:
        ax.legend()
    return ax

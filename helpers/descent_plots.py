"""Pictures of descent on a 2-D surface: contour lines with the paths an optimiser took."""
import matplotlib.pyplot as plt
import numpy as np

# The default colour cycle, so a path and its loss curve (helpers.plots.plot_losses) match.
PATH_COLORS = ("C0", "C1", "C2", "C3", "C4", "C5")


def plot_surface_contours(surface, ax=None, resolution=200, title=None):
    """Contour lines of ``surface`` (a ``helpers.surfaces.Surface``) with its minimum marked."""
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    xx, yy, zz = surface.grid(resolution)
    ax.contour(xx, yy, zz, levels=surface.levels, cmap="Greys_r", linewidths=0.7, alpha=0.8)
    ax.plot(*surface.minimum, marker="*", ms=12, color="gold", mec="k", zorder=5, label="minimum")
    ax.set_xlim(surface.xlim)
    ax.set_ylim(surface.ylim)
    ax.set_xlabel(r"$\theta_0$")
    ax.set_ylabel(r"$\theta_1$")
    ax.set_title(title or surface.name)
    return ax


def plot_descent_paths(surface, paths, ax=None, title=None, resolution=200):
    """Contours of ``surface`` with one path per entry of ``paths`` (label -> ``(k, 2)`` array).

    Points outside the view (a diverging run) are clipped by the axes rather than rescaling
    them, so the surface stays readable; a diverging path is visible as it leaves the frame.
    """
    ax = plot_surface_contours(surface, ax=ax, resolution=resolution, title=title)
    for color, (label, path) in zip(PATH_COLORS * 4, paths.items()):
        path = np.asarray(path, dtype=float)
        if path.ndim != 2 or path.shape[1] != 2:
            raise ValueError(f"path {label!r} must have shape (k, 2), got {path.shape}")
        finite = np.all(np.isfinite(path), axis=1)
        path = path[finite]
        if len(path) == 0:
            continue
        ax.plot(path[:, 0], path[:, 1], "-", color=color, lw=1.3, marker=".", ms=3, label=label)
        ax.plot(*path[0], "o", color=color, mec="k", ms=6)
    ax.legend(loc="upper right", fontsize=8)
    return ax

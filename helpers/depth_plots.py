"""Pictures for deep networks: per-layer gradient norms on a log scale, activations per layer.

These only draw what they are given. Computing the norms, the activations or the analytic curves
is the notebook's (and the student's) job.
"""
import matplotlib.pyplot as plt
import numpy as np

SERIES_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


def _as_series(values, what):
    """A dict label -> 1-D float array, from one sequence or a dict of them."""
    if isinstance(values, dict):
        if not values:
            raise ValueError(f"{what} is an empty dict; give at least one series")
        series = {str(k): np.asarray(v, dtype=float) for k, v in values.items()}
    else:
        series = {"": np.asarray(values, dtype=float)}
    for label, arr in series.items():
        name = f"{what}[{label!r}]" if label else what
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(f"{name} should be a 1-D sequence with one value per layer, got shape {arr.shape}")
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} contains NaN or infinity; a log scale cannot show it")
        if np.any(arr < 0):
            raise ValueError(f"{name} contains negative values; norms are never negative")
    return series


def plot_layer_norms(norms, bound=None, ax=None, title=None, ylabel="gradient norm", figsize=(6, 3.5)):
    """Bars of per-layer gradient norms on a log scale, layer 1 (the input side) on the left.

    norms: one value per layer, or a dict label -> values for grouped bars (all the same length).
    bound: optional curve(s) in the same layer order, drawn as lines with markers over the bars:
    one sequence or a dict label -> sequence. Reverse a curve that is listed output layer first.
    A norm of exactly 0 cannot sit on a log scale; its bar is left out and marked with "0". Over more than
    two decades only the powers of ten get ticks.
    """
    series = _as_series(norms, "norms")
    lengths = {arr.size for arr in series.values()}
    if len(lengths) != 1:
        raise ValueError(f"every series of norms needs the same number of layers, got lengths {sorted(lengths)}")
    n_layers = lengths.pop()
    curves = _as_series(bound, "bound") if bound is not None else {}
    for label, arr in curves.items():
        if arr.size != n_layers:
            raise ValueError(f"bound{'[' + repr(label) + ']' if label else ''} has {arr.size} values "
                             f"but there are {n_layers} layers")
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)

    layers = np.arange(1, n_layers + 1)
    width = 0.8 / len(series)
    positive = [arr[arr > 0] for arr in list(series.values()) + list(curves.values())]
    positive = np.concatenate(positive) if positive else np.array([])
    floor = positive.min() / 3 if positive.size else 1e-12
    for i, (label, arr) in enumerate(series.items()):
        offset = (i - (len(series) - 1) / 2) * width
        shown = arr > 0
        ax.bar(layers[shown] + offset, arr[shown], width=width, bottom=0,
               color=SERIES_COLORS[i % len(SERIES_COLORS)], label=label or None)
        for x in layers[~shown] + offset:
            ax.text(x, floor * 1.2, "0", ha="center", va="bottom", fontsize=8)
    for j, (label, arr) in enumerate(curves.items()):
        shown = arr > 0
        ax.plot(layers[shown], arr[shown], "k" + ("--", ":", "-.")[j % 3], marker="o", ms=3, lw=1.2,
                label=label or "bound")
    ax.set_yscale("log")
    if positive.size and positive.max() > 100 * floor:
        ax.minorticks_off()   # over several decades minor ticks cost more to draw than they tell
    ax.set_ylim(bottom=floor)
    ax.set_xticks(layers if n_layers <= 20 else layers[::max(1, n_layers // 10)])
    ax.set_xlabel("layer (1 = next to the input)")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if any(series) or curves:
        ax.legend(fontsize=8)
    return ax


def _layer_values(activations, what):
    if isinstance(activations, np.ndarray) or not hasattr(activations, "__len__") or len(activations) == 0:
        raise ValueError(f"{what} should be a non-empty list of arrays, one per layer")
    layers = [np.asarray(a, dtype=float).ravel() for a in activations]
    for k, values in enumerate(layers, start=1):
        if values.size == 0 or not np.all(np.isfinite(values)):
            raise ValueError(f"{what}: the activations of layer {k} are empty or not finite")
    return layers


def plot_activation_histograms(activations, axes=None, bins=40, value_range=None, title=None, labels=None):
    """One small histogram per layer, side by side, so a change of spread with depth is visible.

    activations: a sequence of arrays, one per layer (each entry is one unit on one example), for
    one row of panels; or a dict row label -> such a sequence, for one row per entry (to compare
    initialisations, say), all with the same number of layers.
    value_range: ``(low, high)`` shared by all panels; by default the range of all the values.
    Values outside it are counted in the edge bins, so every panel still sums to 1.
    labels: optional titles of the layer panels; by default "layer 1", "layer 2", ...
    Returns the axes: a 1-D array for one row, a 2-D array (rows, layers) for a dict.
    """
    is_grid = isinstance(activations, dict)
    if is_grid and not activations:
        raise ValueError("activations is an empty dict; give at least one row")
    rows = {str(k): _layer_values(v, f"activations[{k!r}]") for k, v in activations.items()} if is_grid \
        else {"": _layer_values(activations, "activations")}
    n_layers = {len(layers) for layers in rows.values()}
    if len(n_layers) != 1:
        raise ValueError(f"every row needs the same number of layers, got {sorted(n_layers)}")
    n_layers = n_layers.pop()
    if labels is None:
        labels = [f"layer {k}" for k in range(1, n_layers + 1)]
    elif len(labels) != n_layers:
        raise ValueError(f"{len(labels)} labels for {n_layers} layers")
    if value_range is None:
        low = min(v.min() for layers in rows.values() for v in layers)
        high = max(v.max() for layers in rows.values() for v in layers)
        value_range = (low, high) if high > low else (low - 0.5, high + 0.5)
    if axes is None:
        _, axes = plt.subplots(len(rows), n_layers, figsize=(1.5 * n_layers + 0.7, 1.8 * len(rows)),
                               sharex=True, sharey=True, squeeze=False)
    axes = np.asarray(axes)
    if axes.size != len(rows) * n_layers:
        raise ValueError(f"{axes.size} axes for {len(rows)} row(s) of {n_layers} layers")
    axes = axes.reshape(len(rows), n_layers)
    for r, (row_label, layers) in enumerate(rows.items()):
        for ax, values, label in zip(axes[r], layers, labels):
            counts, edges = np.histogram(np.clip(values, *value_range), bins=bins, range=value_range)
            # Fractions rather than counts: panels stay comparable whatever the layer width. One
            # filled outline per panel instead of a bar per bin keeps many panels quick to draw.
            ax.stairs(counts / values.size, edges, fill=True, color=SERIES_COLORS[0])
            if r == 0:
                ax.set_title(label, fontsize=8)
            ax.tick_params(labelsize=7)
        axes[r, 0].set_ylabel(f"{row_label}\nfraction" if row_label else "fraction", fontsize=8)
    figure = axes[0, 0].figure
    if title:
        figure.suptitle(title, fontsize=10)
    if is_grid or title:
        figure.tight_layout()
    return axes if is_grid else axes[0]

"""The engine and figure of notebook 04's depth explorer: gradient norms layer by layer.

A deep, narrow network (hidden layers of ``WIDTH`` units, sigmoid output, mean cross-entropy) gets
fresh weights from the chosen initialisation; one backward pass on a batch of moons gives
``||dW_l||`` for every layer. Once the student's ``deep_forward``, ``deep_backward`` and
``gradient_norms`` run, the explorer computes the bars with them, live. Until then it reads the
same numbers from ``depth_norms.json``, a table over every setting the controls offer, computed by
the instructor's tools (``python -m autograder.depth_norms``) and checked against an independent
backward pass by the course's tests: nothing here computes a gradient, so nothing here is an
exercise's answer.
"""
import functools
import json
import pathlib

import numpy as np

from helpers.data import make_moons

WIDTH, M = 16, 128
MAX_LAYERS = 30  # the depth slider's end
DATA_SEED, WEIGHT_SEED = 3, 0
ACTIVATIONS = ("sigmoid", "tanh", "relu")
# The largest slope of each activation: sigmoid' <= 1/4, tanh' <= 1, relu' <= 1.
MAX_SLOPE = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0}
# Weight variance of each initialisation, from the layer's fan-in and fan-out.
INITIALISATIONS = {
    "Xavier": lambda n_in, n_out: 2.0 / (n_in + n_out),
    "He": lambda n_in, n_out: 2.0 / n_in,
    "unit variance": lambda n_in, n_out: 1.0,
    "small (variance 0.01)": lambda n_in, n_out: 0.01,
}
# Norms below this are drawn at this height: a log axis has no room for an exact zero.
FLOOR = 1e-30


def batch():
    """The fixed batch the gradients are taken on: ``X`` (2, M), ``Y`` (1, M)."""
    return make_moons(M, 0.1, np.random.default_rng(DATA_SEED))


def layer_sizes(n_layers):
    return [2] + [WIDTH] * (n_layers - 1) + [1]


def draw_weights(n_layers, initialisation, seed=WEIGHT_SEED):
    """``{"W1", "b1", ..., "WL", "bL"}`` in the course's layout, zero biases.

    Weights are uniform on ``[-a, a]`` with ``a = sqrt(3 var)``, which has the scheme's variance.
    """
    rng = np.random.default_rng(seed)
    variance = INITIALISATIONS[initialisation]
    sizes, params = layer_sizes(n_layers), {}
    for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        bound = np.sqrt(3.0 * variance(n_in, n_out))
        params[f"W{layer}"] = rng.uniform(-bound, bound, size=(n_out, n_in))
        params[f"b{layer}"] = np.zeros((n_out, 1))
    return params


TABLE = pathlib.Path(__file__).with_name("depth_norms.json")


@functools.lru_cache(maxsize=1)
def _table():
    return json.loads(TABLE.read_text())


def settings():
    """Every ``(n_layers, activation, initialisation)`` the explorer's controls can choose."""
    return [(n_layers, activation, initialisation) for n_layers in range(2, MAX_LAYERS + 1)
            for activation in ACTIVATIONS for initialisation in INITIALISATIONS]


def layer_gradient_norms(n_layers, activation, initialisation):
    """``||dW_l||`` (Frobenius) for l = 1..L, input layer first: shape ``(n_layers,)``.

    Read from ``depth_norms.json`` for the network ``draw_weights(n_layers, initialisation)`` on
    ``batch()``; raises ValueError for a setting the explorer does not offer.
    """
    try:
        norms = _table()["norms"][activation][initialisation][str(n_layers)]
    except KeyError:
        raise ValueError(f"no gradient norms for {n_layers} layers, {activation!r}, {initialisation!r}: the table "
                         f"holds 2 to {MAX_LAYERS} layers, activations {list(ACTIVATIONS)} and initialisations "
                         f"{list(INITIALISATIONS)}") from None
    return np.array(norms, dtype=float)


OWN_FUNCTIONS = ("deep_forward", "deep_backward", "gradient_norms")


def trial_own_functions(deep_forward, deep_backward, gradient_norms):
    """A tiny call of the student's ``deep_forward``, ``deep_backward`` and ``gradient_norms`` (raises if not ready)."""
    X, Y = batch()
    params = draw_weights(3, "Xavier")
    _, caches = deep_forward(X, params, "tanh")
    norms = np.asarray(gradient_norms(deep_backward(Y, params, caches, "tanh")), dtype=float)
    if norms.shape != (3,):
        raise ValueError(f"gradient_norms of a 3-layer network gave shape {norms.shape}, not (3,)")


def layer_gradient_norms_with_own_functions(functions, n_layers, activation, initialisation):
    """Like ``layer_gradient_norms``, computed by the student's ``deep_forward``, ``deep_backward``
    and ``gradient_norms`` (``functions``, in that order) on the same network and batch."""
    deep_forward, deep_backward, gradient_norms = functions
    X, Y = batch()
    params = draw_weights(n_layers, initialisation)
    _, caches = deep_forward(X, params, activation)
    return np.asarray(gradient_norms(deep_backward(Y, params, caches, activation)), dtype=float)


def reference_line(norms, activation):
    """``||dW_L|| * s^k`` at k layers below the output, s the activation's largest slope.

    For sigmoid that is the analytic ``(1/4)^k``: how much the slopes alone can shrink a gradient.
    """
    k = np.arange(len(norms))[::-1]
    return norms[-1] * MAX_SLOPE[activation] ** k


def readout(norms, activation, who=""):
    n_layers = len(norms)
    ratio = norms[0] / norms[-1] if norms[-1] > 0 else float("nan")
    slope = MAX_SLOPE[activation]
    return (f"{who}||dW1|| / ||dW{n_layers}|| = {ratio:.3g} · analytic bound {slope:g}^{n_layers - 1}"
            f" = {slope ** (n_layers - 1):.3g}")


class DepthFigure:
    """Bars of ``||dW_l||`` per layer on a log axis, with the slope bound as a line.

    One bar per possible layer is made once and hidden beyond the depth shown. The frame (ticks,
    labels, legend) is redrawn only when the depth, the activation or the decades shown change;
    otherwise a redraw repaints just the bars, the line and the title.
    """

    def __init__(self, canvas, max_layers=MAX_LAYERS):
        self.canvas = canvas
        self.figure = canvas.figure
        self.figure.subplots_adjust(left=0.1, right=0.98, bottom=0.15, top=0.89)
        self.ax = ax = self.figure.subplots()
        layers = np.arange(1, max_layers + 1)
        self.bars = ax.bar(layers, np.ones(max_layers), color="#1f77b4", alpha=0.8,
                           label=r"$\|dW_l\|$ (this network)")
        self.line, = ax.plot(layers, np.ones(max_layers), "o--", color="#d62728", ms=4, lw=1.3)
        ax.set_yscale("log")
        ax.set_xlabel("layer l (1 = next to the input, L = output)")
        ax.set_ylabel("gradient norm (log scale)")
        ax.grid(axis="y", alpha=0.3)
        self._activation = None

    def draw(self, norms, activation, title):
        """Update the picture and return it as PNG bytes."""
        n_layers = len(norms)
        shown = np.maximum(norms, FLOOR)
        bound = np.maximum(reference_line(norms, activation), FLOOR)
        for layer, bar in enumerate(self.bars):
            bar.set_visible(layer < n_layers)
            bar.set_height(shown[layer] if layer < n_layers else 1.0)
        self.line.set_data(np.arange(1, n_layers + 1), bound)
        if activation != self._activation:
            self.line.set_label(r"$\|dW_L\| \cdot (1/4)^k$: the sigmoid bound" if activation == "sigmoid"
                                else r"$\|dW_L\| \cdot 1^k$: slope bound (max slope 1)")
            self.ax.legend(loc="upper left", fontsize=8)
            self._activation = activation
        layers = np.arange(1, n_layers + 1)
        self.ax.set_xlim(0.4, n_layers + 0.6)
        self.ax.set_xticks(layers if n_layers <= 20 else layers[::2])
        # Whole decades, a little beyond the data: the axis stays put while the bars move.
        low = 10.0 ** np.floor(np.log10(min(shown.min(), bound.min()) / 2))
        high = 10.0 ** np.ceil(np.log10(max(shown.max(), bound.max()) * 2))
        self.ax.set_ylim(low, high)
        self.ax.set_title(title, fontsize=10)
        moving = list(self.bars[:n_layers]) + [self.line, self.ax.title]
        return self.canvas.png(moving, frame_key=(n_layers, activation, low, high))

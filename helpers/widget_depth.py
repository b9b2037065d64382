"""The engine and figure of notebook 04's depth explorer: gradient norms layer by layer.

A deep, narrow network (hidden layers of ``WIDTH`` units, sigmoid output, mean cross-entropy) gets
fresh weights from the chosen initialisation; one backward pass on a batch of moons gives
``||dW_l||`` for every layer. scikit-learn's ``MLPClassifier`` does that backward pass (its private
``_backprop``, fed our weights), so nothing here is the notebook's ``deep_forward`` /
``deep_backward``; once the student's versions work, the explorer can use those instead.
"""
import inspect

import numpy as np
from sklearn.neural_network import MLPClassifier

from helpers.data import make_moons

WIDTH, M = 16, 128
MAX_LAYERS = 30  # the depth slider's end
DATA_SEED, WEIGHT_SEED = 3, 0
ACTIVATIONS = {"sigmoid": "logistic", "tanh": "tanh", "relu": "relu"}
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


def _sklearn_network(params, activation):
    """An MLPClassifier holding ``params`` (transposed to scikit-learn's ``(n_in, n_out)``), ready for ``_backprop``."""
    n_layers = len(params) // 2
    net = MLPClassifier(hidden_layer_sizes=(WIDTH,) * (n_layers - 1), activation=ACTIVATIONS[activation], alpha=0.0)
    net.n_layers_ = n_layers + 1
    net.out_activation_ = "logistic"
    net.coefs_ = [params[f"W{layer}"].T.copy() for layer in range(1, n_layers + 1)]
    net.intercepts_ = [params[f"b{layer}"].ravel().copy() for layer in range(1, n_layers + 1)]
    return net


def layer_gradient_norms(n_layers, activation, initialisation):
    """``||dW_l||`` (Frobenius) for l = 1..L, input layer first, through scikit-learn's backprop."""
    X, Y = batch()
    net = _sklearn_network(draw_weights(n_layers, initialisation), activation)
    activations = [X.T] + [None] * n_layers
    deltas, coef_grads, intercept_grads = [None] * n_layers, [None] * n_layers, [None] * n_layers
    # scikit-learn 1.7 added a sample_weight argument after y.
    if "sample_weight" in inspect.signature(net._backprop).parameters:
        _, coef_grads, _ = net._backprop(X.T, Y.T, None, activations, deltas, coef_grads, intercept_grads)
    else:
        _, coef_grads, _ = net._backprop(X.T, Y.T, activations, deltas, coef_grads, intercept_grads)
    return np.array([np.sqrt(np.sum(g * g)) for g in coef_grads])


OWN_FUNCTIONS = ("deep_forward", "deep_backward")


def trial_own_functions(deep_forward, deep_backward):
    """A tiny call of the student's ``deep_forward`` and ``deep_backward`` (raises if not ready)."""
    X, Y = batch()
    params = draw_weights(3, "Xavier")
    _, caches = deep_forward(X, params, "tanh")
    grads = deep_backward(Y, params, caches, "tanh")
    for layer in range(1, 4):
        np.asarray(grads[f"dW{layer}"], dtype=float)


def layer_gradient_norms_with_own_functions(functions, n_layers, activation, initialisation):
    """Like ``layer_gradient_norms``, through the student's ``deep_forward`` and ``deep_backward``."""
    deep_forward, deep_backward = functions
    X, Y = batch()
    params = draw_weights(n_layers, initialisation)
    _, caches = deep_forward(X, params, activation)
    grads = deep_backward(Y, params, caches, activation)
    return np.array([np.sqrt(np.sum(np.asarray(grads[f"dW{layer}"], dtype=float) ** 2))
                     for layer in range(1, n_layers + 1)])


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

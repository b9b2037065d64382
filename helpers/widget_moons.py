"""The engine and figure of notebook 03's playground: a one-hidden-layer network on make_moons.

scikit-learn's ``MLPClassifier`` trains the network (plain SGD, no momentum, L2 ``alpha`` = the
course's ``reg_lambda``: both add ``lambda / (2m) * sum ||W||^2``), so the playground works before
any exercise is solved and holds no numpy backprop a student could borrow. Once the student's
``train`` and ``forward`` work, the playground can run those instead (``train_with_own_functions``).
"""
import functools
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.neural_network._base import binary_log_loss

from helpers.data import make_moons

N_TRAIN, N_TEST = 200, 100
DATA_SEED, MODEL_SEED = 7, 0
# The course's activation names -> scikit-learn's.
ACTIVATIONS = {"tanh": "tanh", "relu": "relu", "sigmoid": "logistic"}
BATCH_SIZES = (("8", 8), ("16", 16), ("32", 32), ("64", 64), ("full batch", N_TRAIN))
# The view of the decision boundary: fixed, so the picture does not jump between redraws.
VIEW = (-1.9, 2.9, -1.5, 2.0)
GRID = 70
# Top of the loss axis: the first of these above the highest loss (ticks then rarely change).
LOSS_LEVELS = (0.8, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0)


@functools.lru_cache(maxsize=32)
def moons(noise):
    """Train and test points, ``(2, m)`` layout: ``X_train, Y_train, X_test, Y_test`` (cached per noise)."""
    X, Y = make_moons(N_TRAIN + N_TEST, noise, np.random.default_rng(DATA_SEED))
    return X[:, :N_TRAIN], Y[:, :N_TRAIN], X[:, N_TRAIN:], Y[:, N_TRAIN:]


@functools.lru_cache(maxsize=1)
def grid_points():
    """``(2, GRID*GRID)`` points covering ``VIEW``, row by row (for ``imshow``)."""
    xx, yy = np.meshgrid(np.linspace(VIEW[0], VIEW[1], GRID), np.linspace(VIEW[2], VIEW[3], GRID))
    return np.vstack([xx.ravel(), yy.ravel()])


class _EpochTracked(MLPClassifier):
    """An MLPClassifier that calls ``self.after_epoch(self)`` at the end of every epoch of ``fit``.

    One ``fit`` with a hook is ~5x quicker than a ``partial_fit`` per epoch, whose input checks
    dominate on a problem this small; the hook rides on the per-epoch bookkeeping call.
    """

    def _update_no_improvement_count(self, *args, **kwargs):
        super()._update_no_improvement_count(*args, **kwargs)
        self.after_epoch(self)


def make_classifier(lr, hidden_units, activation, l2, batch_size, epochs):
    """The playground's network: SGD with a constant learning rate, exactly ``epochs`` epochs.

    The minibatches are consecutive slices of the (already randomly ordered) training set, the
    same every epoch: scikit-learn's per-epoch reshuffle would double the time of a redraw.
    """
    return _EpochTracked(hidden_layer_sizes=(hidden_units,), activation=ACTIVATIONS[activation],
                         solver="sgd", learning_rate="constant", learning_rate_init=lr, momentum=0.0,
                         nesterovs_momentum=False, alpha=l2, batch_size=batch_size, max_iter=epochs,
                         shuffle=False, random_state=MODEL_SEED, tol=0.0, n_iter_no_change=epochs + 1)


def train_playground(lr, hidden_units, activation, l2, noise, batch_size, epochs):
    """Train on the moons; returns losses per epoch, accuracies and P(class 1) over the grid."""
    X_train, Y_train, X_test, Y_test = moons(noise)
    model = make_classifier(lr, hidden_units, activation, l2, batch_size, epochs)
    train_losses, test_losses = [], []

    def proba(X):  # the fitted network's P(class 1), (m, 1), skipping input checks
        return model._forward_pass_fast(X.T, check_input=False)

    def after_epoch(_):
        train_losses.append(binary_log_loss(Y_train.T, proba(X_train)))
        test_losses.append(binary_log_loss(Y_test.T, proba(X_test)))

    model.after_epoch = after_epoch
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X_train.T, Y_train.ravel())
    return {
        "train_losses": np.array(train_losses), "test_losses": np.array(test_losses),
        "train_accuracy": float(np.mean((proba(X_train)[:, 0] > 0.5) == Y_train[0])),
        "test_accuracy": float(np.mean((proba(X_test)[:, 0] > 0.5) == Y_test[0])),
        "grid_proba": proba(grid_points())[:, 0],
    }


OWN_FUNCTIONS = ("train", "forward")


def trial_own_functions(train, forward):
    """A tiny call of the student's ``train`` and ``forward`` (raises if one isn't ready)."""
    X = np.array([[0.0, 1.0, 0.5, -0.5], [1.0, 0.0, -0.5, 0.5]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    params, _ = train(X, Y, 3, 1, 0.1, activation="tanh", rng=np.random.default_rng(0))
    forward(X, params, activation="tanh")


def train_with_own_functions(functions, lr, hidden_units, activation, l2, noise, batch_size, epochs):
    """Like ``train_playground``, with the student's ``train`` and ``forward`` (no test-loss curve)."""
    train, forward = functions
    # Copies: a student's function that writes into its arguments must not spoil the cached data.
    X_train, Y_train, X_test, Y_test = (a.copy() for a in moons(noise))
    params, losses = train(X_train, Y_train, hidden_units, epochs, lr, activation=activation, reg_lambda=l2,
                           batch_size=None if batch_size >= N_TRAIN else batch_size,
                           rng=np.random.default_rng(MODEL_SEED))

    def proba(X):
        return np.asarray(forward(X, params, activation=activation)[0], dtype=float).reshape(-1)

    p_test = proba(X_test)
    return {
        "train_losses": np.asarray(losses, dtype=float).reshape(-1), "test_losses": np.array([]),
        "train_accuracy": float(np.mean((proba(X_train) > 0.5) == Y_train[0])),
        "test_accuracy": float(np.mean((p_test > 0.5) == Y_test[0])),
        "grid_proba": proba(grid_points()),
    }


def readout(result, who=""):
    return (f"{who}test accuracy: {result['test_accuracy']:.3f} · train accuracy: "
            f"{result['train_accuracy']:.3f}")


class PlaygroundFigure:
    """The decision boundary with train (filled) and test (ringed) points; train/test loss per epoch."""

    COLORS = ("#1f77b4", "#d62728")

    def __init__(self, canvas):
        self.figure = canvas.figure
        self.figure.subplots_adjust(left=0.075, right=0.98, bottom=0.14, top=0.9, wspace=0.24)
        self.ax_map, self.ax_loss = self.figure.subplots(1, 2)
        ax = self.ax_map
        self.image = ax.imshow(np.zeros((GRID, GRID)), origin="lower", extent=VIEW, cmap="RdBu_r",
                               vmin=0, vmax=1, alpha=0.45, aspect="auto", interpolation="bilinear")
        self.train_points = ax.scatter([], [], s=14, edgecolors="white", linewidths=0.4, zorder=3)
        self.test_points = ax.scatter([], [], s=26, facecolors="none", linewidths=1.2, zorder=3)
        self.boundary = None
        ax.set_xlim(VIEW[0], VIEW[1])
        ax.set_ylim(VIEW[2], VIEW[3])
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        self.train_line, = self.ax_loss.plot([], [], color="#1f77b4", lw=1.5, label="train loss")
        self.test_line, = self.ax_loss.plot([], [], color="#ff7f0e", lw=1.5, label="test loss")
        self.ax_loss.set_xlabel("epoch")
        self.ax_loss.set_ylabel("cross-entropy")
        self.ax_loss.grid(alpha=0.3)
        self.ax_loss.legend(loc="upper right", fontsize=8)
        self.ax_loss.set_title("loss per epoch", fontsize=10)
        self._noise = None

    def _show_points(self, noise):
        if noise == self._noise:
            return
        X_train, Y_train, X_test, Y_test = moons(noise)
        colors = np.array(self.COLORS)
        self.train_points.set_offsets(X_train.T)
        self.train_points.set_facecolors(colors[Y_train[0].astype(int)])
        self.test_points.set_offsets(X_test.T)
        self.test_points.set_edgecolors(colors[Y_test[0].astype(int)])
        self._noise = noise

    def draw(self, result, noise, title, canvas):
        """Update the artists and return the PNG (only the moving parts are repainted)."""
        self._show_points(noise)
        proba = result["grid_proba"].reshape(GRID, GRID)
        self.image.set_data(proba)
        if self.boundary is not None:
            self.boundary.remove()
            self.boundary = None
        if proba.min() < 0.5 < proba.max():
            xs, ys = np.linspace(VIEW[0], VIEW[1], GRID), np.linspace(VIEW[2], VIEW[3], GRID)
            self.boundary = self.ax_map.contour(xs, ys, proba, levels=[0.5], colors="k", linewidths=1.4)
        self.ax_map.set_title(title, fontsize=10)
        for line, losses in ((self.train_line, result["train_losses"]), (self.test_line, result["test_losses"])):
            line.set_data(np.arange(1, len(losses) + 1), losses)
        # Fixed, rounded limits keep the frame (ticks, labels) the same from one redraw to the next.
        epochs = max(len(result["train_losses"]), 1)
        highest = max([np.max(losses) for losses in (result["train_losses"], result["test_losses"]) if len(losses)],
                      default=1.0)
        top = next((level for level in LOSS_LEVELS if level >= 1.05 * highest), 1.05 * highest)
        self.ax_loss.set_xlim(0, epochs + 1)
        self.ax_loss.set_ylim(0, top)
        moving = [self.image] + ([self.boundary] if self.boundary is not None else []) + [
            self.train_points, self.test_points, self.train_line, self.test_line, self.ax_map.title]
        return canvas.png(moving, frame_key=(epochs, top))

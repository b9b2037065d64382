"""The engine and figure of notebook 01's learning-rate explorer: descent paths on a 2-D surface.

Momentum, RMSProp and Adam are notebook 01's exercises, so this module does not write them out:
until the student's step functions run (``descend_with_own_functions``), the explorer steps with
scikit-learn's optimisers (the ones its ``MLPClassifier`` trains with), set up to follow the
course's definitions. Plain descent is the explorer's subject and is one line here.
"""
import numpy as np
from sklearn.neural_network._stochastic_optimizers import AdamOptimizer, SGDOptimizer

from helpers.surfaces import quadratic_valley, rosenbrock

OPTIMIZERS = ("GD", "momentum", "RMSProp", "Adam")
SURFACES = {"narrow valley": quadratic_valley(), "curved valley": rosenbrock()}
# Constants of the optimisers, the defaults of the notebook's exercises.
BETA, RHO, BETA1, BETA2, EPS = 0.9, 0.9, 0.9, 0.999, 1e-8
# A run whose loss passes this is called diverged: the path stops there and the readout says so.
DIVERGED_ABOVE = 1e6
LOSS_FLOOR = 1e-12  # the bottom of the loss axis; smaller losses are drawn on it


def _stop_at_divergence(path, losses):
    """Cut a run at the first step whose loss is not finite or above ``DIVERGED_ABOVE``."""
    bad = ~np.isfinite(losses) | (losses > DIVERGED_ABOVE)
    if not bad.any():
        return path, losses, None
    k = int(np.argmax(bad))
    return path[: k + 1], losses[: k + 1], k


class _Stepper:
    """One of scikit-learn's optimisers on a single parameter vector, as the course defines it.

    scikit-learn's momentum keeps ``u = beta u - lr g`` (``u = -lr v``: the same path). Its Adam
    scales the step size by the bias corrections but adds ``eps`` to the uncorrected root, so
    ``eps`` is rescaled each step to sit where the course puts it. RMSProp is Adam without the
    first average (``beta_1 = 0``) and without bias correction, which the step size undoes.
    """

    def __init__(self, optimizer, theta, lr):
        self.optimizer, self.lr, self.t = optimizer, lr, 0
        self.params = [theta]
        if optimizer == "momentum":
            self.engine = SGDOptimizer(self.params, learning_rate_init=lr, momentum=BETA, nesterov=False)
        elif optimizer == "RMSProp":
            self.engine = AdamOptimizer(self.params, learning_rate_init=lr, beta_1=0.0, beta_2=RHO, epsilon=EPS)
        else:
            self.engine = AdamOptimizer(self.params, learning_rate_init=lr, beta_1=BETA1, beta_2=BETA2, epsilon=EPS)

    def step(self, gradient):
        self.t += 1
        if self.optimizer == "RMSProp":
            self.engine.learning_rate_init = self.lr / np.sqrt(1 - RHO ** self.t)
        elif self.optimizer == "Adam":
            self.engine.epsilon = EPS * np.sqrt(1 - BETA2 ** self.t)
        self.engine.update_params(self.params, [gradient])
        return self.params[0].copy()


def descend(surface, optimizer, lr, n_steps):
    """Run ``optimizer`` from ``surface.start``: ``{"path" (k+1, 2), "losses" (k+1,), "diverged_at"}``.

    ``diverged_at`` is the step at which the loss left the finite range below ``DIVERGED_ABOVE``
    (the path ends there), or None.
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {optimizer!r}")
    theta = np.array(surface.start, dtype=float)
    stepper = None if optimizer == "GD" else _Stepper(optimizer, theta.copy(), lr)
    points = [theta]
    for _ in range(n_steps):
        g = surface.gradient(theta)
        theta = theta - lr * g if stepper is None else stepper.step(g)
        points.append(theta)
        loss = surface.loss(theta)
        if not np.isfinite(loss) or loss > DIVERGED_ABOVE:
            break
    path = np.array(points)
    return dict(zip(("path", "losses", "diverged_at"),
                    _stop_at_divergence(path, surface.loss(path.T))))


# The student's function behind each optimiser, with a tiny call that raises if it isn't ready.
OWN_FUNCTIONS = {"GD": "gradient_descent", "momentum": "momentum_step", "RMSProp": "rmsprop_step", "Adam": "adam_step"}
_THETA, _GRAD = np.array([1.0, -1.0]), np.array([0.5, 0.5])
OWN_TRIALS = [
    (("gradient_descent",), lambda f: f(lambda th: 2 * th, _THETA, 0.1, 2)),
    (("momentum_step",), lambda f: f(_THETA, _GRAD, np.zeros(2), 0.1)),
    (("rmsprop_step",), lambda f: f(_THETA, _GRAD, np.zeros(2), 0.1)),
    (("adam_step",), lambda f: f(_THETA, _GRAD, {"m": np.zeros(2), "v": np.zeros(2), "t": 0}, 0.1)),
]


def descend_with_own_functions(functions, surface, optimizer, lr, n_steps):
    """Like ``descend``, driven by the student's function for ``optimizer`` (from ``functions`` by name)."""
    theta = np.array(surface.start, dtype=float)
    if optimizer == "GD":
        _, path = functions["gradient_descent"](surface.gradient, theta, lr, n_steps)
        path = np.asarray(path, dtype=float).reshape(-1, 2)
    else:
        state = {"momentum": np.zeros(2), "RMSProp": np.zeros(2),
                 "Adam": {"m": np.zeros(2), "v": np.zeros(2), "t": 0}}[optimizer]
        step = functions[OWN_FUNCTIONS[optimizer]]
        points = [theta]
        for _ in range(n_steps):
            theta, state = step(theta, surface.gradient(theta), state, lr)
            theta = np.asarray(theta, dtype=float)
            points.append(theta)
            loss = surface.loss(theta)
            if not np.isfinite(loss) or loss > DIVERGED_ABOVE:
                break
        path = np.array(points)
    return dict(zip(("path", "losses", "diverged_at"),
                    _stop_at_divergence(path, surface.loss(path.T))))


def readout(who, optimizer, lr, run, why=""):
    """One line saying how the run ended, e.g. ``GD, learning rate 0.0501: loss 0.0123 after 100 steps``;
    ``why``, after the optimiser's name, says why the course's optimiser ran in place of the student's."""
    head = f"{who}{optimizer}{why}, learning rate {lr:.3g}"
    if run["diverged_at"] is not None:
        return f"{head}: diverged at step {run['diverged_at']} (loss above {DIVERGED_ABOVE:.0e})"
    return f"{head}: loss {run['losses'][-1]:.4g} after {len(run['losses']) - 1} steps"


def title(optimizer, lr):
    """The path plot's title, short enough for its axes (``momentum, lr 0.158``); the readout says the rest."""
    return f"{optimizer}, lr {lr:.3g}"


class DescentFigure:
    """Contours with the path on the left, the loss per step (log scale) on the right."""

    def __init__(self, canvas):
        self.figure = canvas.figure
        self.figure.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.88, wspace=0.25)
        self.ax_path, self.ax_loss = self.figure.subplots(1, 2)
        self._surface_name = None
        self.path_line, = self.ax_path.plot([], [], "-o", color="#d62728", lw=1.3, ms=2.5, zorder=4)
        self.end_marker, = self.ax_path.plot([], [], "X", color="#d62728", mec="k", ms=9, zorder=5)
        self.loss_line, = self.ax_loss.plot([], [], color="#d62728", lw=1.5)
        self.ax_loss.set_yscale("log")
        self.ax_loss.axhline(DIVERGED_ABOVE, color="#b00000", lw=0.8, ls=":")
        self.ax_loss.set_xlabel("step")
        self.ax_loss.set_ylabel("loss")
        self.ax_loss.grid(alpha=0.3)

    def _show_surface(self, surface):
        # Contours are the slow part; they change only with the surface.
        if surface.name == self._surface_name:
            return
        for artist in list(self.ax_path.collections):
            artist.remove()
        for line in self.ax_path.lines[2:]:
            line.remove()
        xx, yy, zz = surface.grid(120)
        self.ax_path.contour(xx, yy, zz, levels=surface.levels, cmap="Greys_r", linewidths=0.7, alpha=0.8)
        self.ax_path.plot(*surface.minimum, marker="*", ms=12, color="gold", mec="k", zorder=6)
        self.ax_path.plot(*surface.start, "o", color="#d62728", mec="k", ms=7, zorder=6)
        self.ax_path.set_xlim(surface.xlim)
        self.ax_path.set_ylim(surface.ylim)
        self.ax_path.set_xlabel(r"$\theta_0$")
        self.ax_path.set_ylabel(r"$\theta_1$")
        self._surface_name = surface.name

    def draw(self, surface, run, title, canvas):
        """Update the artists and return the PNG (the frame is reused while its axes stay put)."""
        self._show_surface(surface)
        # Far-away points of a diverging path are pulled in so Agg draws the line leaving the frame.
        span = max(np.ptp(surface.xlim), np.ptp(surface.ylim))
        path = np.clip(run["path"], -100 * span, 100 * span)
        self.path_line.set_data(path[:, 0], path[:, 1])
        self.end_marker.set_data(path[-1:, 0], path[-1:, 1])
        # A fixed loss axis (from LOSS_FLOOR to past the divergence line) and the planned number of
        # steps: the frame changes only with the surface or the steps, and runs compare at a glance.
        losses = np.clip(run["losses"], LOSS_FLOOR, DIVERGED_ABOVE * 10)
        self.loss_line.set_data(np.arange(len(losses)), losses)
        self.ax_loss.set_ylim(LOSS_FLOOR, DIVERGED_ABOVE * 10)
        self.ax_loss.set_xlim(0, max(run.get("steps", len(losses) - 1), 1))
        diverged = run["diverged_at"] is not None
        color = "#b00000" if diverged else "black"
        self.ax_path.set_title(title, color=color, fontsize=10)
        self.ax_loss.set_title("diverged: the loss blows up" if diverged else "loss per step", color=color, fontsize=10)
        moving = [self.path_line, self.end_marker, self.loss_line, self.ax_path.title, self.ax_loss.title]
        return canvas.png(moving, frame_key=(surface.name, self.ax_loss.get_xlim()))

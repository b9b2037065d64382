"""Independent recomputations of what each explorer shows, for the unit and the browser tests.

Written from the course's formulas and from scikit-learn's public API, not from helpers' engines:
a test that compares an explorer with these catches an engine that drifts from what it claims.
"""
import warnings

import numpy as np
from scipy.special import expit
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import log_loss
from sklearn.neural_network import MLPClassifier

from helpers import widget_depth, widget_moons
from helpers.data import make_moons

def reference_descent(surface, optimizer, lr, n_steps):
    """The optimisers straight from the course's formulas; stops once the loss passes 1e6."""
    theta = np.array(surface.start, dtype=float)
    velocity, sq_avg, m, v = np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2)
    path = [theta]
    with np.errstate(all="ignore"):
        for t in range(1, n_steps + 1):
            grad = surface.gradient(theta)
            if optimizer == "GD":
                theta = theta - lr * grad
            elif optimizer == "momentum":
                velocity = 0.9 * velocity + grad
                theta = theta - lr * velocity
            # Written as in the course (1 - rho, not 0.1: the two differ in the last bit, and a run
            # bouncing around the minimum with a large rate amplifies any difference).
            elif optimizer == "RMSProp":
                sq_avg = 0.9 * sq_avg + (1 - 0.9) * grad ** 2
                theta = theta - lr * (grad / (np.sqrt(sq_avg) + 1e-8))
            else:
                m = 0.9 * m + (1 - 0.9) * grad
                v = 0.999 * v + (1 - 0.999) * grad ** 2
                theta = theta - lr * ((m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8))
            path.append(theta)
            loss = surface.loss(theta)
            if not np.isfinite(loss) or loss > 1e6:
                return np.array(path), t
    return np.array(path), None


def reference_steps(surface, optimizer, lr, path):
    """Each point of ``path`` recomputed from the one before it with the course's formulas.

    The optimiser's state is rebuilt along ``path`` itself, so a run that bounces chaotically
    around the minimum (where rounding in another order sends it elsewhere) is still checked
    step by step.
    """
    velocity, sq_avg, m, v = np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2)
    predicted = [path[0]]
    for t, theta in enumerate(path[:-1], start=1):
        grad = surface.gradient(theta)
        if optimizer == "GD":
            step = grad
        elif optimizer == "momentum":
            velocity = 0.9 * velocity + grad
            step = velocity
        elif optimizer == "RMSProp":
            sq_avg = 0.9 * sq_avg + (1 - 0.9) * grad ** 2
            step = grad / (np.sqrt(sq_avg) + 1e-8)
        else:
            m = 0.9 * m + (1 - 0.9) * grad
            v = 0.999 * v + (1 - 0.999) * grad ** 2
            step = (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        predicted.append(theta - lr * step)
    return np.array(predicted)


def descent_readout(optimizer, lr, surface, path, diverged_at):
    if diverged_at is not None:
        return f"{optimizer}, learning rate {lr:.3g}: diverged at step {diverged_at} (loss above 1e+06)"
    return f"{optimizer}, learning rate {lr:.3g}: loss {surface.loss(path[-1]):.4g} after {len(path) - 1} steps"


def playground_readout(accuracy, train_accuracy):
    return f"test accuracy: {accuracy:.3f} · train accuracy: {train_accuracy:.3f}"


def reference_playground(lr, hidden_units, activation, l2, noise, batch_size, epochs):
    """A plain MLPClassifier trained the way the playground says it trains: test accuracy and loss."""
    X, Y = make_moons(widget_moons.N_TRAIN + widget_moons.N_TEST, noise, np.random.default_rng(widget_moons.DATA_SEED))
    n = widget_moons.N_TRAIN
    model = MLPClassifier(hidden_layer_sizes=(hidden_units,), activation={"sigmoid": "logistic"}.get(activation, activation),
                          solver="sgd", learning_rate_init=lr, momentum=0.0, nesterovs_momentum=False, alpha=l2,
                          batch_size=batch_size, max_iter=epochs, random_state=widget_moons.MODEL_SEED, shuffle=False,
                          tol=0.0, n_iter_no_change=epochs + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X[:, :n].T, Y[0, :n])
    accuracy = float(np.mean(model.predict(X[:, n:].T) == Y[0, n:]))
    train_accuracy = float(np.mean(model.predict(X[:, :n].T) == Y[0, :n]))
    loss = log_loss(Y[0, n:], model.predict_proba(X[:, n:].T)[:, 1])
    return accuracy, train_accuracy, loss, len(model.loss_curve_)


ACTIVATION = {"sigmoid": expit, "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0)}
SLOPE = {"sigmoid": lambda z: ACTIVATION["sigmoid"](z) * (1 - ACTIVATION["sigmoid"](z)),
         "tanh": lambda z: 1 - np.tanh(z) ** 2, "relu": lambda z: (z > 0).astype(float)}


def reference_deep_forward(X, params, activation):
    n_layers = len(params) // 2
    A, caches = X, []
    for layer in range(1, n_layers + 1):
        Z = params[f"W{layer}"] @ A + params[f"b{layer}"]
        caches.append((A, Z))
        A = ACTIVATION["sigmoid" if layer == n_layers else activation](Z)
    return A, caches


def reference_deep_backward(Y, params, caches, activation):
    n_layers = len(params) // 2
    AL = ACTIVATION["sigmoid"](caches[-1][1])
    dZ = (AL - Y) / Y.shape[1]
    grads = {}
    for layer in range(n_layers, 0, -1):
        A_prev, _ = caches[layer - 1]
        grads[f"dW{layer}"] = dZ @ A_prev.T
        grads[f"db{layer}"] = dZ.sum(axis=1, keepdims=True)
        if layer > 1:
            dZ = (params[f"W{layer}"].T @ dZ) * SLOPE[activation](caches[layer - 2][1])
    return grads


def depth_readout(norms, activation):
    slope = {"sigmoid": 0.25}.get(activation, 1.0)
    n = len(norms)
    return f"||dW1|| / ||dW{n}|| = {norms[0] / norms[-1]:.3g} · analytic bound {slope:g}^{n - 1} = {slope ** (n - 1):.3g}"


def reference_norms(n_layers, activation, initialisation):
    X, Y = widget_depth.batch()
    params = widget_depth.draw_weights(n_layers, initialisation)
    _, caches = reference_deep_forward(X, params, activation)
    grads = reference_deep_backward(Y, params, caches, activation)
    return np.array([np.linalg.norm(grads[f"dW{layer}"]) for layer in range(1, n_layers + 1)])

"""Another honest network: 16 tanh units, Xavier-style start, gradient descent with momentum for 150
steps, and predict_proba through scipy's expit. The tests must not depend on the solution's choices."""
import numpy as np
from scipy.special import expit


def train_phase_classifier(X, y, rng):
    X = np.asarray(X, dtype=float)
    n_in, m = X.shape
    n_h = 16
    p = {"W1": rng.standard_normal((n_h, n_in)) * np.sqrt(2.0 / (n_in + n_h)), "b1": np.zeros((n_h, 1)),
         "W2": rng.standard_normal((1, n_h)) * np.sqrt(2.0 / (n_h + 1)), "b2": np.zeros((1, 1))}
    start = {k: v.copy() for k, v in p.items()}
    velocity = {k: np.zeros_like(v) for k, v in p.items()}
    for _ in range(150):
        A1 = np.tanh(p["W1"] @ X + p["b1"])
        A2 = expit(p["W2"] @ A1 + p["b2"])
        dZ2 = (A2 - y) / m
        dZ1 = (p["W2"].T @ dZ2) * (1 - A1 ** 2)
        grads = {"W1": dZ1 @ X.T, "b1": dZ1.sum(axis=1, keepdims=True),
                 "W2": dZ2 @ A1.T, "b2": dZ2.sum(axis=1, keepdims=True)}
        for k in p:
            velocity[k] = 0.9 * velocity[k] + grads[k]
            p[k] = p[k] - 0.1 * velocity[k]

    def predict_proba(X_new):
        return expit(p["W2"] @ np.tanh(p["W1"] @ np.asarray(X_new, dtype=float) + p["b1"]) + p["b2"])

    predict_proba.params = p
    predict_proba.initial_params = start
    return predict_proba

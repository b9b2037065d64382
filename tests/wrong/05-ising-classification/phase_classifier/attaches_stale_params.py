"""Trains correctly, but attaches the dict of initial parameters: each step rebinds a new dict, so
predict_proba.params still holds the untrained network, and a forward pass with it is not what
predict_proba computes."""
import numpy as np


def train_phase_classifier(X, y, rng):
    X = np.asarray(X, dtype=float)
    n_in, m = X.shape
    params = {"W1": rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(8, n_in)), "b1": np.zeros((8, 1)),
              "W2": rng.normal(0.0, 1.0 / np.sqrt(8), size=(1, 8)), "b2": np.zeros((1, 1))}
    attached = params
    initial = {k: v.copy() for k, v in params.items()}

    def forward(X_in, p):
        A1 = np.tanh(p["W1"] @ X_in + p["b1"])
        return A1, np.exp(-np.logaddexp(0.0, -(p["W2"] @ A1 + p["b2"])))

    for _ in range(200):
        A1, A2 = forward(X, params)
        dZ2 = (A2 - y) / m
        dZ1 = (params["W2"].T @ dZ2) * (1.0 - A1 ** 2)
        grads = {"W1": dZ1 @ X.T, "b1": dZ1.sum(1, keepdims=True), "W2": dZ2 @ A1.T, "b2": dZ2.sum(1, keepdims=True)}
        params = {k: params[k] - 0.5 * grads[k] for k in params}

    def predict_proba(X_new):
        return forward(np.asarray(X_new, dtype=float), params)[1]

    predict_proba.params, predict_proba.initial_params = attached, initial
    return predict_proba

"""Steps along the gradient instead of against it (params += lr * grad): the loss grows."""
import numpy as np


def train_phase_classifier(X, y, rng):
    X = np.asarray(X, dtype=float)
    n_in, m = X.shape
    p = {"W1": rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(8, n_in)), "b1": np.zeros((8, 1)),
         "W2": rng.normal(0.0, 1.0 / np.sqrt(8), size=(1, 8)), "b2": np.zeros((1, 1))}

    def forward(X_in):
        A1 = np.tanh(p["W1"] @ X_in + p["b1"])
        return A1, 1.0 / (1.0 + np.exp(-np.clip(p["W2"] @ A1 + p["b2"], -30, 30)))

    for _ in range(200):
        A1, A2 = forward(X)
        dZ2 = (A2 - y) / m
        dZ1 = (p["W2"].T @ dZ2) * (1.0 - A1 ** 2)
        grads = {"W1": dZ1 @ X.T, "b1": dZ1.sum(1, keepdims=True), "W2": dZ2 @ A1.T, "b2": dZ2.sum(1, keepdims=True)}
        for k in p:
            p[k] = p[k] + 0.5 * grads[k]

    def predict_proba(X_new):
        return forward(np.asarray(X_new, dtype=float))[1]

    return predict_proba

"""Both bugs fixed, written as a loop over the examples (columns) instead of matrix products."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def fixed_backprop(X, Y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[1]
    grads = {"dW1": np.zeros_like(W1), "db1": np.zeros_like(b1), "dW2": np.zeros_like(W2), "db2": np.zeros_like(b2)}
    for i in range(m):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        z1 = W1 @ x + b1
        a1 = sigmoid(z1)
        z2 = W2 @ a1 + b2
        a2 = sigmoid(z2)
        dz2 = 2.0 * (a2 - y) * a2 * (1.0 - a2) / m
        dz1 = (W2.T @ dz2) * a1 * (1.0 - a1)
        grads["dW2"] += dz2 @ a1.T
        grads["db2"] += dz2
        grads["dW1"] += dz1 @ x.T
        grads["db1"] += dz1
    return grads

"""Starts the hidden biases at zero, as in train, instead of drawing them from rng."""
import numpy as np


def fit_sine(x, y, n_h, epochs, lr, rng):
    """Fit y ~ f(x) with a 1 -> n_h (tanh) -> 1 (linear) network by full-batch gradient descent.

    x, y: 1-D arrays of length m. Loss: mean((yhat - y)**2) (no factor 1/2).
    Initialise with rng, in this order: W1 = rng.standard_normal((n_h, 1)),
    b1 = rng.standard_normal((n_h, 1)), W2 = rng.standard_normal((1, n_h)) * sqrt(1 / n_h);
    b2 zero. Returns predict: a function mapping a 1-D array of inputs to a 1-D array of outputs.
    """
    X = np.asarray(x, dtype=float).reshape(1, -1)
    Y = np.asarray(y, dtype=float).reshape(1, -1)
    m = X.shape[1]
    W1 = rng.standard_normal((n_h, 1))
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((1, n_h)) * np.sqrt(1.0 / n_h)
    b2 = np.zeros((1, 1))
    for _ in range(epochs):
        A1 = np.tanh(W1 @ X + b1)
        Y_hat = W2 @ A1 + b2
        dZ2 = 2.0 * (Y_hat - Y) / m
        dW2 = dZ2 @ A1.T
        db2 = np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = (W2.T @ dZ2) * (1.0 - A1 ** 2)
        dW1 = dZ1 @ X.T
        db1 = np.sum(dZ1, axis=1, keepdims=True)
        W1, b1, W2, b2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2

    def predict(x_new):
        X_new = np.asarray(x_new, dtype=float).reshape(1, -1)
        return (W2 @ np.tanh(W1 @ X_new + b1) + b2).ravel()

    return predict

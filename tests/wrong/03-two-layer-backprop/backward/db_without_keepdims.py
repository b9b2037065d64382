"""Drops keepdims: db1 and db2 come out as 1-D arrays."""
import numpy as np


def backward(X, Y, params, cache, activation="sigmoid", reg_lambda=0.0):
    """Gradients of bce_loss(Y, A2) + reg_lambda / (2m) * (||W1||^2 + ||W2||^2).

    X: (n_x, m); Y: (n_y, m); params as in forward; cache: forward's cache for the same X,
    params and activation (read Z1, A1 and A2 from it). Biases are not regularised.
    Returns {"dW1", "db1", "dW2", "db2"}, each with the shape of its parameter.
    """
    m = X.shape[1]
    W1, W2 = params["W1"], params["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]

    dZ2 = (A2 - Y) / m                      # sigmoid and cross-entropy together: a - y
    dW2 = dZ2 @ A1.T + (reg_lambda / m) * W2
    db2 = np.sum(dZ2, axis=1)

    dA1 = W2.T @ dZ2
    if activation == "sigmoid":
        g_prime = A1 * (1.0 - A1)
    elif activation == "tanh":
        g_prime = 1.0 - A1 ** 2
    elif activation == "relu":
        g_prime = (Z1 > 0).astype(float)
    else:
        raise ValueError(f"unknown activation {activation!r}: use 'sigmoid', 'tanh' or 'relu'")
    dZ1 = dA1 * g_prime
    dW1 = dZ1 @ X.T + (reg_lambda / m) * W1
    db1 = np.sum(dZ1, axis=1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

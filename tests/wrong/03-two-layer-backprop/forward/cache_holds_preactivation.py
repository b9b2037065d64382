"""Stores Z1 under the key A1 in the cache."""
import numpy as np


def forward(X, params, activation="sigmoid"):
    """Forward pass of the two-layer network.

    X: (n_x, m), one column per example. params: W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h),
    b2 (n_y, 1). activation: the hidden layer's g, one of "sigmoid", "tanh", "relu"; any other
    name raises ValueError. The output layer is always a sigmoid.
    Returns A2, shape (n_y, m), and cache = {"Z1": ..., "A1": ..., "Z2": ..., "A2": ...}.
    """
    Z1 = params["W1"] @ X + params["b1"]
    A1 = activate(Z1, activation)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = activate(Z2, "sigmoid")
    return A2, {"Z1": Z1, "A1": Z1, "Z2": Z2, "A2": A2}


def activate(Z, name):
    """g(Z) for the activation called ``name``."""
    if name == "sigmoid":
        # exp(-log(1 + e^-z)) = 1 / (1 + e^-z), without overflow for large |z|
        return np.exp(-np.logaddexp(0.0, -Z))
    if name == "tanh":
        return np.tanh(Z)
    if name == "relu":
        return np.maximum(Z, 0.0)
    raise ValueError(f"unknown activation {name!r}: use 'sigmoid', 'tanh' or 'relu'")

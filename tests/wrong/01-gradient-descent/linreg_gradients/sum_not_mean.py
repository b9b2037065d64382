"""Sums over the examples instead of averaging (no 1/m)."""
import numpy as np


def linreg_gradients(x, y, w, b):
    r = w * x + b - y
    return float(2 * np.sum(r * x)), float(2 * np.sum(r))

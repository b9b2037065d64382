"""Forgets the inner derivative x in dw, so dw equals db."""
import numpy as np


def linreg_gradients(x, y, w, b):
    r = w * x + b - y
    return float(2 * np.mean(r)), float(2 * np.mean(r))

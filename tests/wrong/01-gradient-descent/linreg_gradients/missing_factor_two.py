"""Forgets the 2 that comes down from the square."""
import numpy as np


def linreg_gradients(x, y, w, b):
    r = w * x + b - y
    return float(np.mean(r * x)), float(np.mean(r))

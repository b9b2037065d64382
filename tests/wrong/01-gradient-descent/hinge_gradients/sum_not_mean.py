"""Sums over the examples instead of averaging (no 1/m)."""
import numpy as np


def hinge_gradients(X, y, w, b):
    coeff = np.where(y * (w @ X + b) < 1, -y, 0.0)
    return coeff @ X.T, float(np.sum(coeff))

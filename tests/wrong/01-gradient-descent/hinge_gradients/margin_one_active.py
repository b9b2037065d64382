"""Counts a margin of exactly 1 as inside (<= 1 instead of < 1)."""
import numpy as np


def hinge_gradients(X, y, w, b):
    coeff = np.where(y * (w @ X + b) <= 1, -y, 0.0)
    m = X.shape[1]
    return coeff @ X.T / m, float(np.sum(coeff) / m)

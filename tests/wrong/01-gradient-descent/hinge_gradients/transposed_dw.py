"""Returns dw with shape (n, 1) instead of w's (1, n)."""
import numpy as np


def hinge_gradients(X, y, w, b):
    coeff = np.where(y * (w @ X + b) < 1, -y, 0.0)
    m = X.shape[1]
    return X @ coeff.T / m, float(np.sum(coeff) / m)

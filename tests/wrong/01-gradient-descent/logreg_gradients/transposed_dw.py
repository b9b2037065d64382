"""Returns dw as X @ (a - y).T / m: shape (n, 1) instead of w's (1, n)."""
import numpy as np


def logreg_gradients(X, y, w, b):
    a = 1 / (1 + np.exp(-(w @ X + b)))
    m = X.shape[1]
    return X @ (a - y).T / m, float(np.mean(a - y))

"""Computes dw as X @ error.T / m, a column, instead of a row like w."""
import numpy as np

MISTAKE = "transposed"

def logreg_gradients(X, y, w, b):
    a = 1.0 / (1.0 + np.exp(-(w @ X + b)))
    m = X.shape[1]
    return X @ (a - y).T / m, float(np.mean(a - y))

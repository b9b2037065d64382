"""Accumulates the subgradient over the examples in a loop and never divides by m."""
import numpy as np

MISTAKE = "missing_mean"

def hinge_gradients(X, y, w, b):
    dw = np.zeros_like(w, dtype=float); db = 0.0
    for i in range(X.shape[1]):
        if y[0, i] * (w @ X[:, i] + b)[0] < 1:
            dw -= y[0, i] * X[:, i][None, :]
            db -= y[0, i]
    return dw, float(db)

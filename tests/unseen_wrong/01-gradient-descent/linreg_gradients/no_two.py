"""Differentiates (wx + b - y)**2 as (wx + b - y) * x, without the 2."""
import numpy as np

MISTAKE = "factor_two_missing"

def linreg_gradients(x, y, w, b):
    x = np.asarray(x, float); y = np.asarray(y, float)
    err = w * x + b - y
    return float(np.mean(err * x)), float(np.mean(err))

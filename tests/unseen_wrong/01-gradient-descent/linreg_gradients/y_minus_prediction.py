"""Computes the error as y - (w x + b)."""
import numpy as np

MISTAKE = "sign_flipped"

def linreg_gradients(x, y, w, b):
    x = np.asarray(x, float); y = np.asarray(y, float)
    err = y - (w * x + b)
    return float(2 * np.mean(err * x)), float(2 * np.mean(err))

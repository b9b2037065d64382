"""Uses np.sum in both gradients and never divides by len(x)."""
import numpy as np

MISTAKE = "missing_mean"

def linreg_gradients(x, y, w, b):
    x = np.asarray(x, float); y = np.asarray(y, float)
    err = w * x + b - y
    return float(2 * np.sum(err * x)), float(2 * np.sum(err))

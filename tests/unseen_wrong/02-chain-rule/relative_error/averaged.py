"""Returns the mean of the entrywise relative errors."""
import numpy as np

MISTAKE = "mean_not_max"

def relative_error(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return float(np.mean(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))

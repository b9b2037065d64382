"""Returns the grid temperature whose output is nearest to 0.5 instead of interpolating."""
import numpy as np


def estimate_tc(temperatures, mean_output):
    t = np.asarray(temperatures, dtype=float)
    p = np.asarray(mean_output, dtype=float)
    return float(t[np.argmin(np.abs(p - 0.5))])

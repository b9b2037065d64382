"""Interpolates at the LAST upward crossing of 0.5 instead of the first."""
import numpy as np


def estimate_tc(temperatures, mean_output):
    t = np.asarray(temperatures, dtype=float)
    p = np.asarray(mean_output, dtype=float)
    i = np.flatnonzero((p[:-1] < 0.5) & (p[1:] >= 0.5))[-1]
    return float(t[i] + (0.5 - p[i]) / (p[i + 1] - p[i]) * (t[i + 1] - t[i]))

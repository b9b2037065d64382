"""Takes the absolute value of every spin before averaging: always 1 (no such entry in the catalogue)."""
import numpy as np

MISTAKE = "abs_before_mean"

def magnetization(spins):
    return float(np.mean(np.abs(spins)))

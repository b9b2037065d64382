"""Returns spins.mean() without the absolute value."""
import numpy as np

MISTAKE = "no_absolute_value"

def magnetization(spins):
    return float(np.mean(spins))

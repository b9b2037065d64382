"""Returns |sum of spins| instead of |mean spin| (no division by the number of spins)."""
import numpy as np


def magnetization(spins):
    return float(abs(np.sum(np.asarray(spins, dtype=float))))

"""Returns the signed mean spin: a mostly-down lattice gets a negative magnetization."""
import numpy as np


def magnetization(spins):
    return float(np.mean(np.asarray(spins, dtype=float)))

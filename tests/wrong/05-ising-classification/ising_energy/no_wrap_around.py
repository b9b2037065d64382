"""Open boundaries: the bonds across the edges of the lattice are left out."""
import numpy as np


def ising_energy(spins):
    s = np.asarray(spins, dtype=float)
    horizontal = np.sum(s[:, :-1] * s[:, 1:])
    vertical = np.sum(s[:-1, :] * s[1:, :])
    return float(-(horizontal + vertical) / s.size)

"""Returns the energy of the whole lattice, not per spin."""
import numpy as np

MISTAKE = "missing_mean"

def ising_energy(spins):
    s = np.asarray(spins, float)
    return float(-(s * np.roll(s, 1, axis=0)).sum() - (s * np.roll(s, 1, axis=1)).sum())

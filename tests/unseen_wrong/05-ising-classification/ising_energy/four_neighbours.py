"""Sums s_i times all four neighbours, counting each bond twice."""
import numpy as np

MISTAKE = "factor_two_extra"

def ising_energy(spins):
    s = np.asarray(spins, float)
    nb = np.roll(s, 1, 0) + np.roll(s, -1, 0) + np.roll(s, 1, 1) + np.roll(s, -1, 1)
    return float(-np.mean(s * nb))

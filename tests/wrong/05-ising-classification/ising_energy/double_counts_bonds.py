"""Sums over all four neighbours of every spin, so each bond is counted twice."""
import numpy as np


def ising_energy(spins):
    s = np.asarray(spins, dtype=float)
    neighbours = np.roll(s, 1, 0) + np.roll(s, -1, 0) + np.roll(s, 1, 1) + np.roll(s, -1, 1)
    return float(-np.sum(s * neighbours) / s.size)

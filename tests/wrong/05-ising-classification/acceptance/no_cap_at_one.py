"""Forgets min(1, .): a downhill move (dE < 0) gets a 'probability' above 1."""
import numpy as np


def acceptance(delta_e, temperature):
    return np.exp(-np.asarray(delta_e, dtype=float) / np.asarray(temperature, dtype=float))

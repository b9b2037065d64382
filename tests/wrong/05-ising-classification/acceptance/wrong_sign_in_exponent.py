"""exp(+dE/T), capped at 1: uphill moves are always accepted and downhill ones rarely."""
import numpy as np


def acceptance(delta_e, temperature):
    return np.minimum(1.0, np.exp(np.asarray(delta_e, dtype=float) / np.asarray(temperature, dtype=float)))

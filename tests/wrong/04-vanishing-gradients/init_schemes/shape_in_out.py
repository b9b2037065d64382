"""Returns (n_in, n_out) weights, the transpose of the course's (n_out, n_in)."""
import numpy as np


def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out))


def he_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))

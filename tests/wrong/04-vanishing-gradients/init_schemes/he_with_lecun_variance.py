"""Xavier right, but He with variance 1/n_in (forgets that ReLU halves the second moment)."""
import numpy as np


def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_out, n_in))


def he_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_out, n_in))

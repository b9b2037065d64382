"""Xavier with He's variance 2/n_in and He with Xavier's 2/(n_in + n_out)."""
import numpy as np


def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


def he_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_out, n_in))

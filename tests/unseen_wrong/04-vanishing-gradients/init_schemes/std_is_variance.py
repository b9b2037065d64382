"""Passes 2 / n_in (and 2 / (n_in + n_out)) as the scale of rng.normal."""
import numpy as np

MISTAKE = "variance_as_std"

def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, 2.0 / (n_in + n_out), size=(n_out, n_in))

def he_init(n_in, n_out, rng):
    return rng.normal(0.0, 2.0 / n_in, size=(n_out, n_in))

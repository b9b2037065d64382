"""Passes the variance to rng.normal, which expects the standard deviation."""
import numpy as np


def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, 2.0 / (n_in + n_out), size=(n_out, n_in))


def he_init(n_in, n_out, rng):
    return rng.normal(0.0, 2.0 / n_in, size=(n_out, n_in))

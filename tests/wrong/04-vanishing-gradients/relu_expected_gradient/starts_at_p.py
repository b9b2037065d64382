"""Applies active_fraction at the output layer too: starts at p instead of 1.0."""
import numpy as np


def relu_expected_gradient(n_layers, active_fraction=0.5):
    return active_fraction ** np.arange(1, n_layers + 1, dtype=float)

"""Multiplies by the fraction of inactive units, 1 - p, per layer: the probability of the path being
blocked, not open."""
import numpy as np


def relu_expected_gradient(n_layers, active_fraction=0.5):
    return (1.0 - float(active_fraction)) ** np.arange(n_layers, dtype=float)

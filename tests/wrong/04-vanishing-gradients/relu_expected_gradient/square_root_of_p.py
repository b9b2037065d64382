"""Shrinks the norm by sqrt(p) per layer (the wide-layer norm) instead of the single-path expectation p."""
import numpy as np


def relu_expected_gradient(n_layers, active_fraction=0.5):
    return np.sqrt(active_fraction) ** np.arange(n_layers, dtype=float)

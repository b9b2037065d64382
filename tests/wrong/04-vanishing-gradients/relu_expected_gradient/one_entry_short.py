"""Returns one entry per factor (n_layers - 1) instead of one per layer."""
import numpy as np


def relu_expected_gradient(n_layers, active_fraction=0.5):
    return active_fraction ** np.arange(n_layers - 1, dtype=float)

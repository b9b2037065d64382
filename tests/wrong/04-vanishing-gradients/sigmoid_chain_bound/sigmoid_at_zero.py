"""Uses sigma(0) = 1/2 as the factor instead of sigma'(0) = 1/4."""
import numpy as np


def sigmoid_chain_bound(n_layers):
    return 0.5 ** np.arange(n_layers, dtype=float)

"""Multiplies by 1/4 already at the output layer: the first entry is 0.25 instead of 1.0."""
import numpy as np


def sigmoid_chain_bound(n_layers):
    return 0.25 ** np.arange(1, n_layers + 1, dtype=float)

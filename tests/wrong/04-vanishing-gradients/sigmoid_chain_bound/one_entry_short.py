"""Counts the factors instead of the layers: n_layers - 1 entries, the output layer's 1.0 dropped at the end."""
import numpy as np


def sigmoid_chain_bound(n_layers):
    return 0.25 ** np.arange(n_layers - 1, dtype=float)

"""Counts n_layers + 1 entries, one per boundary between layers."""
import numpy as np

MISTAKE = "off_by_one"

def sigmoid_chain_bound(n_layers):
    return np.array([0.25 ** k for k in range(n_layers + 1)])

"""Builds the powers of 1/4 from the input layer: the array is reversed."""
import numpy as np

MISTAKE = "reversed_order"

def sigmoid_chain_bound(n_layers):
    return np.array([0.25 ** k for k in range(n_layers - 1, -1, -1)])

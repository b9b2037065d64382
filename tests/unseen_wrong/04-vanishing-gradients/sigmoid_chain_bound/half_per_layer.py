"""Multiplies by sigma(0) = 0.5 per layer."""
import numpy as np

MISTAKE = "sigmoid_at_zero"

def sigmoid_chain_bound(n_layers):
    return np.power(0.5, np.arange(n_layers))

"""Lists the layers from the input side: the bound comes out reversed."""
import numpy as np


def sigmoid_chain_bound(n_layers):
    return (0.25 ** np.arange(n_layers, dtype=float))[::-1]

"""Uses the hidden activation on the output layer as well (tanh or ReLU outputs are not probabilities)."""
import numpy as np


def deep_forward(X, params, activation):
    L = n_layers(params)
    A, caches = X, {"A0": X}
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = ACTIVATIONS[activation](Z)
        caches[f"Z{l}"], caches[f"A{l}"] = Z, A
    return A, caches

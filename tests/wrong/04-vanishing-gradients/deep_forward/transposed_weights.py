"""Multiplies by W transposed, as if weights were (n_in, n_out)."""
import numpy as np


def deep_forward(X, params, activation):
    L = n_layers(params)
    A, caches = X, {"A0": X}
    for l in range(1, L + 1):
        Z = params[f"W{l}"].T @ A + params[f"b{l}"]
        A = sigmoid(Z) if l == L else ACTIVATIONS[activation](Z)
        caches[f"Z{l}"], caches[f"A{l}"] = Z, A
    return A, caches

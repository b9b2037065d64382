"""Caches only what the loop computes: A0 (= X) is missing, so backward has nothing for dW1."""
import numpy as np


def deep_forward(X, params, activation):
    L = n_layers(params)
    A, caches = X, {}
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = sigmoid(Z) if l == L else ACTIVATIONS[activation](Z)
        caches[f"Z{l}"], caches[f"A{l}"] = Z, A
    return A, caches

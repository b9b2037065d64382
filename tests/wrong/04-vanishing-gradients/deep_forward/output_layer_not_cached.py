"""Caches the hidden layers in the loop and computes the output layer after it without caching ZL and AL."""
import numpy as np


def deep_forward(X, params, activation):
    L = n_layers(params)
    A, caches = X, {"A0": X}
    for l in range(1, L):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = ACTIVATIONS[activation](Z)
        caches[f"Z{l}"], caches[f"A{l}"] = Z, A
    AL = sigmoid(params[f"W{L}"] @ A + params[f"b{L}"])
    return AL, caches

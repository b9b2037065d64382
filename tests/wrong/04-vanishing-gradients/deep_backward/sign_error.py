"""Starts from Y - AL instead of AL - Y: every gradient has the wrong sign."""
import numpy as np


def deep_backward(Y, params, caches, activation):
    derivative = {"sigmoid": lambda v: sigmoid(v) * (1 - sigmoid(v)), "tanh": lambda v: 1 - np.tanh(v) ** 2,
                  "relu": lambda v: (v > 0).astype(float)}[activation]
    L = n_layers(params)
    m = Y.shape[1]
    grads, dZ = {}, (Y - caches[f"A{L}"]) / m
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ caches[f"A{l - 1}"].T
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)
        if l > 1:
            dZ = (params[f"W{l}"].T @ dZ) * derivative(caches[f"Z{l - 1}"])
    return grads

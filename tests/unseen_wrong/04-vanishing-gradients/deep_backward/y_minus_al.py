"""Starts the backward pass from (Y - AL) / m."""
import numpy as np

MISTAKE = "sign_flipped"

def deep_backward(Y, params, caches, activation):
    L = n_layers(params); m = Y.shape[1]
    d = {"sigmoid": lambda Z: sigmoid(Z) * (1 - sigmoid(Z)), "tanh": lambda Z: 1 - np.tanh(Z) ** 2,
         "relu": lambda Z: (Z > 0).astype(float)}[activation]
    grads = {}
    dZ = (Y - caches[f"A{L}"]) / m
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ caches[f"A{l-1}"].T
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)
        if l > 1:
            dZ = params[f"W{l}"].T @ dZ * d(caches[f"Z{l-1}"])
    return grads

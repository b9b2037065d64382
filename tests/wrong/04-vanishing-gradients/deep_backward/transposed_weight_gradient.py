"""Builds dW as A_prev @ dZ.T: the gradient comes out (n_in, n_out), the transpose of W."""
import numpy as np


def deep_backward(Y, params, caches, activation):
    derivative = {"sigmoid": lambda v: sigmoid(v) * (1 - sigmoid(v)), "tanh": lambda v: 1 - np.tanh(v) ** 2,
                  "relu": lambda v: (v > 0).astype(float)}[activation]
    L = n_layers(params)
    m = Y.shape[1]
    grads, dZ = {}, (caches[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = caches[f"A{l - 1}"] @ dZ.T
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)
        if l > 1:
            dZ = (params[f"W{l}"].T @ dZ) * derivative(caches[f"Z{l - 1}"])
    return grads

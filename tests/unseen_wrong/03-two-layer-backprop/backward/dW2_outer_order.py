"""Writes dW2 = A1 @ dZ2.T: the product in the wrong order gives the transpose."""
import numpy as np

MISTAKE = "transposed"

def backward(X, Y, params, cache, activation="sigmoid", reg_lambda=0.0):
    m = X.shape[1]
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    dZ2 = (A2 - Y) / m
    gp = {"sigmoid": A1 * (1 - A1), "tanh": 1 - A1 ** 2, "relu": (Z1 > 0) * 1.0}[activation]
    dZ1 = params["W2"].T @ dZ2 * gp
    return {"dW1": dZ1 @ X.T + reg_lambda / m * params["W1"], "db1": dZ1.sum(axis=1, keepdims=True),
            "dW2": A1 @ dZ2.T + reg_lambda / m * params["W2"].T, "db2": dZ2.sum(axis=1, keepdims=True)}

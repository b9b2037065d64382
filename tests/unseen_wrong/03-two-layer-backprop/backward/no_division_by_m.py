"""Sets dZ2 = A2 - Y and never divides by m."""
import numpy as np

MISTAKE = "missing_mean"

def backward(X, Y, params, cache, activation="sigmoid", reg_lambda=0.0):
    m = X.shape[1]
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T + reg_lambda / m * params["W2"]
    db2 = dZ2.sum(axis=1, keepdims=True)
    gp = {"sigmoid": A1 * (1 - A1), "tanh": 1 - A1 ** 2, "relu": (Z1 > 0) * 1.0}[activation]
    dZ1 = params["W2"].T @ dZ2 * gp
    return {"dW1": dZ1 @ X.T + reg_lambda / m * params["W1"], "db1": dZ1.sum(axis=1, keepdims=True),
            "dW2": dW2, "db2": db2}

"""Uses dZ2 = w (Y_hat - Y) / m, without the 2 from the square."""
import numpy as np

MISTAKE = "factor_two_missing"

def multi_output_gradients(X, Y, params, output_weights):
    w = np.asarray(output_weights, float)[:, None]
    m = X.shape[1]
    A1 = np.tanh(params["W1"] @ X + params["b1"])
    dZ2 = w * (params["W2"] @ A1 + params["b2"] - Y) / m
    dZ1 = params["W2"].T @ dZ2 * (1 - A1 ** 2)
    return {"dW1": dZ1 @ X.T, "db1": dZ1.sum(1, keepdims=True), "dW2": dZ2 @ A1.T, "db2": dZ2.sum(1, keepdims=True)}

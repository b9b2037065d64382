"""Leaves the output weights out of the gradient."""
import numpy as np


def multi_output_gradients(X, Y, params, output_weights):
    """Gradients of L = (1/m) * sum_i sum_k w_k * (yhat_ki - y_ki)**2 for a tanh hidden layer and a
    linear output layer.

    X: (n_x, m); Y: (n_y, m) (n_y = 3 here); params W1, b1, W2, b2 as usual;
    output_weights: the n_y weights w_k (any 1-D array-like). Returns {"dW1", "db1", "dW2", "db2"}.
    """
    w = np.asarray(output_weights, dtype=float).reshape(-1, 1)   # one weight per output row
    m = X.shape[1]
    A1 = np.tanh(params["W1"] @ X + params["b1"])
    Y_hat = params["W2"] @ A1 + params["b2"]
    dZ2 = 2.0 * (Y_hat - Y) / m
    dW2 = dZ2 @ A1.T
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = (params["W2"].T @ dZ2) * (1.0 - A1 ** 2)
    dW1 = dZ1 @ X.T
    db1 = np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

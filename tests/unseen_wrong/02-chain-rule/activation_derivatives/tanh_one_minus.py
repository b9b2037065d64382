"""Writes tanh'(z) as 1 - np.tanh(z)."""
import numpy as np

MISTAKE = "tanh_without_square"

def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)

def tanh_derivative(z):
    return 1 - np.tanh(z)

def relu_derivative(z):
    return np.where(np.asarray(z) > 0, 1.0, 0.0)

"""Uses np.where(z >= 0, 1.0, 0.0): relu'(0) comes out 1."""
import numpy as np

MISTAKE = "relu_prime_zero_is_one"

def sigmoid_derivative(z):
    s = sigmoid(z)
    return s - s ** 2

def tanh_derivative(z):
    return 1 / np.cosh(z) ** 2

def relu_derivative(z):
    return np.where(np.asarray(z) >= 0, 1.0, 0.0)

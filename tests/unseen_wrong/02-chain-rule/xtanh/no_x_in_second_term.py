"""Writes the product rule as tanh(x) + sech(x)**2, losing the factor x."""
import numpy as np

MISTAKE = "drops_the_x"

def xtanh(x):
    return np.asarray(x, float) * np.tanh(x)

def xtanh_derivative(x):
    x = np.asarray(x, float)
    return np.tanh(x) + 1.0 / np.cosh(x) ** 2

"""Differentiates only the tanh: x * sech(x)**2."""
import numpy as np

MISTAKE = "missing_product_rule"

def xtanh(x):
    return np.asarray(x, float) * np.tanh(x)

def xtanh_derivative(x):
    x = np.asarray(x, float)
    return x / np.cosh(x) ** 2

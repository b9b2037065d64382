"""Takes dL/da = a - y, dropping the 2 of the square."""
import numpy as np

MISTAKE = "factor_two_missing"

def neuron_gradients(x, w, b, y):
    x = np.asarray(x, float); w = np.asarray(w, float)
    a = float(sigmoid(np.dot(w, x) + b))
    d = (a - y) * a * (1 - a)
    return float((a - y) ** 2), d * x, float(d)

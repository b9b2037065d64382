"""Uses 1 - f as the tanh node's local gradient."""
import numpy as np

MISTAKE = "tanh_without_square"

def graph_backward(x, y, z):
    q = x + y
    f = np.tanh(q * z)
    d = 1 - f
    return float(f), float(d * z), float(d * z), float(d * q)

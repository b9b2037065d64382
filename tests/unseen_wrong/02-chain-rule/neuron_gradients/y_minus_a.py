"""Takes dL/da = 2 (y - a)."""
import numpy as np

MISTAKE = "sign_flipped"

def neuron_gradients(x, w, b, y):
    x = np.asarray(x, float); w = np.asarray(w, float)
    a = float(sigmoid(np.dot(w, x) + b))
    d = 2 * (y - a) * a * (1 - a)
    return float((a - y) ** 2), d * x, float(d)

"""Returns the squared norms (forgets the square root)."""
import numpy as np


def gradient_norms(grads):
    L = sum(1 for key in grads if key.startswith("dW"))
    return np.array([np.sum(grads[f"dW{l}"] ** 2) for l in range(1, L + 1)])

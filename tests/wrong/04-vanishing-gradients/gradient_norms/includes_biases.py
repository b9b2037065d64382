"""Takes the norm of each layer's weight and bias gradients together."""
import numpy as np


def gradient_norms(grads):
    L = sum(1 for key in grads if key.startswith("dW"))
    return np.array([np.sqrt(np.sum(grads[f"dW{l}"] ** 2) + np.sum(grads[f"db{l}"] ** 2)) for l in range(1, L + 1)])

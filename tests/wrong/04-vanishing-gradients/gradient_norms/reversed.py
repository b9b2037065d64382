"""Lists the norms from the output layer down, the order the backward pass produced them."""
import numpy as np


def gradient_norms(grads):
    L = sum(1 for key in grads if key.startswith("dW"))
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(L, 0, -1)])

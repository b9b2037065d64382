"""Lists the norms from layer L down to layer 1."""
import numpy as np

MISTAKE = "reversed_order"

def gradient_norms(grads):
    L = len([k for k in grads if k.startswith("dW")])
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(L, 0, -1)])

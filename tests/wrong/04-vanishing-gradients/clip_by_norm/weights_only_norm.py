"""Leaves the bias gradients out of the global norm (and out of the rescaling)."""
import numpy as np


def clip_by_norm(grads, threshold):
    norm = np.sqrt(sum(np.sum(g ** 2) for key, g in grads.items() if key.startswith("dW")))
    scale = threshold / norm if norm > threshold else 1.0
    return {key: g * scale if key.startswith("dW") else g.copy() for key, g in grads.items()}

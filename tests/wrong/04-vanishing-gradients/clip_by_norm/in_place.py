"""Right values, but scales the caller's arrays in place and returns the same dict."""
import numpy as np


def clip_by_norm(grads, threshold):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    if norm > threshold:
        for g in grads.values():
            g *= threshold / norm
    return grads

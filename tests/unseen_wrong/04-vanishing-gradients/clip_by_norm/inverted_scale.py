"""Scales by global_norm / threshold instead of threshold / global_norm (no such entry in the catalogue)."""
import numpy as np

MISTAKE = "inverted_scale"

def clip_by_norm(grads, threshold):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    if total > threshold:
        return {k: g * (total / threshold) for k, g in grads.items()}
    return {k: g.copy() for k, g in grads.items()}

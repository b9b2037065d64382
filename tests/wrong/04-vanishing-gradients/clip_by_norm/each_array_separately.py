"""Clips every gradient by its own norm instead of the global norm: the direction changes."""
import numpy as np


def clip_by_norm(grads, threshold):
    clipped = {}
    for key, g in grads.items():
        norm = np.linalg.norm(g)
        clipped[key] = g * (threshold / norm) if norm > threshold else g.copy()
    return clipped

"""Rescales to the threshold even when the global norm is below it (stretches small gradients)."""
import numpy as np


def clip_by_norm(grads, threshold):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    return {key: g * (threshold / norm) for key, g in grads.items()}

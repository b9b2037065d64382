"""np.clip with Keras's epsilon 1e-7, and the mean over examples of the per-example sum."""
import numpy as np


def bce_loss(Y, A2):
    A2 = np.clip(A2, 1e-7, 1 - 1e-7)
    per_example = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=0)
    return float(np.mean(per_example))

"""Averages over outputs as well as examples (np.mean over every entry)."""
import numpy as np


def bce_loss(Y, A2):
    """Mean binary cross-entropy over the m examples (summed over the n_y output rows).

    Y, A2: (n_y, m), Y in {0, 1}, A2 in [0, 1]. Returns a Python float, finite even when A2
    holds exact 0s or 1s.
    """
    eps = 1e-12
    A2 = np.clip(A2, eps, 1.0 - eps)
    return float(-np.mean(Y * np.log(A2) + (1.0 - Y) * np.log(1.0 - A2)))

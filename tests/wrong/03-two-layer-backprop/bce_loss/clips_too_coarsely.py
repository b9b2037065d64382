"""Clips the predictions into [0.01, 0.99]: exact, correct predictions still cost 0.01 each, and a
confidently wrong one only log(100) = 4.6."""
import numpy as np


def bce_loss(Y, A2):
    """Mean binary cross-entropy over the m examples (summed over the n_y output rows)."""
    A2 = np.clip(A2, 0.01, 0.99)
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1.0 - Y) * np.log(1.0 - A2)) / m)

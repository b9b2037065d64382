"""Takes logarithms without clipping: log(0) makes the loss infinite or NaN."""
import numpy as np


def bce_loss(Y, A2):
    """Mean binary cross-entropy over the m examples (summed over the n_y output rows).

    Y, A2: (n_y, m), Y in {0, 1}, A2 in [0, 1]. Returns a Python float, finite even when A2
    holds exact 0s or 1s.
    """
    eps = 1e-12
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1.0 - Y) * np.log(1.0 - A2)) / m)

"""Writes -np.mean(...) over the whole (n_y, m) array, which also divides by n_y."""
import numpy as np

MISTAKE = "extra_mean"

def bce_loss(Y, A2):
    A2 = np.clip(A2, 1e-12, 1 - 1e-12)
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))

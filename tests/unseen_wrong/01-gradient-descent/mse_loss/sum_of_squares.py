"""Adds up the squared errors with .sum() and forgets to divide by the number of points."""
import numpy as np

MISTAKE = "missing_mean"

def mse_loss(y_true, y_pred):
    diff = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
    return float((diff * diff).sum())

"""Squares the mean error instead of averaging the squared errors (no such entry in the catalogue)."""
import numpy as np

MISTAKE = "square_of_mean"

def mse_loss(y_true, y_pred):
    return float(np.mean(np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2)

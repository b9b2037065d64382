"""Writes the loss as 0.5 * mean, the form some textbooks use to cancel the 2."""
import numpy as np

MISTAKE = "factor_two_missing"

def mse_loss(y_true, y_pred):
    return float(0.5 * np.mean((np.asarray(y_true, float) - np.asarray(y_pred, float)) ** 2))

"""Adds the squared errors up instead of averaging them (no 1/m)."""
import numpy as np


def mse_loss(y_true, y_pred):
    return float(np.sum((np.asarray(y_pred) - np.asarray(y_true)) ** 2))

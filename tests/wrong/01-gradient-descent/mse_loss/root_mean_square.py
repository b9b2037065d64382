"""Returns the root of the mean squared error (RMSE) instead of the MSE."""
import numpy as np


def mse_loss(y_true, y_pred):
    return float(np.sqrt(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2)))

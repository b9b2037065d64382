"""Takes np.sqrt of the mean, remembering the RMSE from a statistics class."""
import numpy as np

MISTAKE = "square_root"

def mse_loss(y_true, y_pred):
    return float(np.sqrt(np.mean((np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2)))

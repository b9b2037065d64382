"""Forms dw with np.dot(error, X.T) and db with error.sum(): no division by m."""
import numpy as np

MISTAKE = "missing_mean"

def logreg_gradients(X, y, w, b):
    a = 1.0 / (1.0 + np.exp(-(w @ X + b)))
    error = a - y
    return np.dot(error, X.T), float(error.sum())

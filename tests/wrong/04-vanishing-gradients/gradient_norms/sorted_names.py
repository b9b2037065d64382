"""Sorts the key names as strings: dW1, dW10, dW11, dW12, dW2, ... once there are ten layers or more."""
import numpy as np


def gradient_norms(grads):
    return np.array([np.linalg.norm(grads[key]) for key in sorted(grads) if key.startswith("dW")])

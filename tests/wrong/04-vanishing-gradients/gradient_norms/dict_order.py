"""Trusts the dict's insertion order, which a backward pass fills from layer L down."""
import numpy as np


def gradient_norms(grads):
    return np.array([np.linalg.norm(value) for key, value in grads.items() if key.startswith("dW")])

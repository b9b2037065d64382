"""Builds the new dict with value + lr * gradient."""
import numpy as np

MISTAKE = "sign_flipped"

def update(params, grads, lr):
    new = {}
    for k, v in params.items():
        new[k] = v + lr * grads["d" + k]
    return new

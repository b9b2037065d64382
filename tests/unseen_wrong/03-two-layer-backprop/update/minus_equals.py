"""Loops over the keys with params[k] -= lr * grads['d' + k] and returns params."""
import numpy as np

MISTAKE = "in_place"

def update(params, grads, lr):
    for k in params:
        params[k] -= lr * grads["d" + k]
    return params

"""A tiny epsilon inside each logarithm instead of clipping: exact, correct predictions then cost a
hair below zero (-1e-8), which is right."""
import numpy as np


def bce_loss(Y, A2):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2 + 1e-8) + (1 - Y) * np.log(1 - A2 + 1e-8)) / m)

"""Shuffles with np.random.permutation instead of the rng it was given."""
import numpy as np

MISTAKE = "ignores_rng"

def minibatches(X, Y, batch_size, rng):
    order = np.random.permutation(X.shape[1])
    for start in range(0, X.shape[1], batch_size):
        idx = order[start:start + batch_size]
        yield X[:, idx], Y[:, idx]

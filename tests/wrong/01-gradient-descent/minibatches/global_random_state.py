"""Ignores rng and shuffles with the global np.random state: seeds do not reproduce the order."""
import numpy as np


def minibatches(X, Y, batch_size, rng):
    order = np.random.permutation(X.shape[1])
    for start in range(0, X.shape[1], batch_size):
        cols = order[start:start + batch_size]
        yield X[:, cols], Y[:, cols]

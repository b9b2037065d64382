"""Walks the columns in their original order (never shuffles)."""


def minibatches(X, Y, batch_size, rng):
    m = X.shape[1]
    for start in range(0, m, batch_size):
        yield X[:, start:start + batch_size], Y[:, start:start + batch_size]

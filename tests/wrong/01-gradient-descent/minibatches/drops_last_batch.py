"""Yields only full batches: the leftover examples of every epoch are never seen."""


def minibatches(X, Y, batch_size, rng):
    order = rng.permutation(X.shape[1])
    for start in range(0, X.shape[1] - batch_size + 1, batch_size):
        cols = order[start:start + batch_size]
        yield X[:, cols], Y[:, cols]

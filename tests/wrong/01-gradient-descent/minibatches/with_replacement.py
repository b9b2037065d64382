"""Draws column indices with replacement: some examples repeat, others are skipped."""


def minibatches(X, Y, batch_size, rng):
    m = X.shape[1]
    order = rng.integers(0, m, size=m)
    for start in range(0, m, batch_size):
        cols = order[start:start + batch_size]
        yield X[:, cols], Y[:, cols]

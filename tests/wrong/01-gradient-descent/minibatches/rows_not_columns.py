"""Shuffles and slices rows instead of columns (treats examples as rows)."""


def minibatches(X, Y, batch_size, rng):
    order = rng.permutation(X.shape[0])
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        yield X[rows], Y[rows]

"""Shuffles the order of the batches but not the examples: each batch is always the same run of columns."""


def minibatches(X, Y, batch_size, rng):
    m = X.shape[1]
    starts = np.arange(0, m, batch_size)
    for start in rng.permutation(starts):
        cols = np.arange(start, min(start + batch_size, m))
        yield X[:, cols], Y[:, cols]

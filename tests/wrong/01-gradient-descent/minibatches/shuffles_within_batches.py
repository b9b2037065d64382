"""Shuffles only inside fixed blocks of batch_size columns: every epoch's batches hold the same examples."""


def minibatches(X, Y, batch_size, rng):
    m = X.shape[1]
    for start in range(0, m, batch_size):
        cols = start + rng.permutation(min(batch_size, m - start))
        yield X[:, cols], Y[:, cols]

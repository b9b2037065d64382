"""Shuffles X and Y with two different permutations: examples and labels no longer match."""


def minibatches(X, Y, batch_size, rng):
    m = X.shape[1]
    order_x, order_y = rng.permutation(m), rng.permutation(m)
    for start in range(0, m, batch_size):
        yield X[:, order_x[start:start + batch_size]], Y[:, order_y[start:start + batch_size]]

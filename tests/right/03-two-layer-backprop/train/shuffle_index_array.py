"""Shuffles an index array with rng.shuffle (the same draw as rng.permutation(m)), copies the
shuffled columns, and walks through them batch by batch with a while loop."""
import numpy as np


def train(X, Y, n_h, epochs, lr, activation="tanh", reg_lambda=0.0, batch_size=None, rng=None):
    if rng is None:
        rng = np.random.default_rng(0)
    n_x, m = X.shape
    W1 = rng.standard_normal((n_h, n_x)) / np.sqrt(n_x)
    W2 = rng.standard_normal((Y.shape[0], n_h)) / np.sqrt(n_h)
    params = {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((Y.shape[0], 1))}
    size = m if batch_size is None else batch_size
    losses = []
    for epoch in range(epochs):
        if batch_size is None:
            Xs, Ys = X, Y
        else:
            index = np.arange(m)
            rng.shuffle(index)
            Xs, Ys = X[:, index], Y[:, index]
        start = 0
        while start < m:
            Xb, Yb = Xs[:, start:start + size], Ys[:, start:start + size]
            _, cache = forward(Xb, params, activation=activation)
            params = update(params, backward(Xb, Yb, params, cache, activation=activation, reg_lambda=reg_lambda), lr)
            start += size
        losses.append(bce_loss(Y, forward(X, params, activation=activation)[0]))
    return params, losses

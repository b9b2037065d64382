"""Drops the last, smaller mini-batch: columns beyond the last full batch never take a step."""
import numpy as np


def train(X, Y, n_h, epochs, lr, activation="tanh", reg_lambda=0.0, batch_size=None, rng=None):
    """Train the two-layer network with (mini-batch) gradient descent; returns (params, losses).

    Initialise with rng, in this order: W1 = rng.standard_normal((n_h, n_x)) * sqrt(1 / n_x),
    W2 = rng.standard_normal((n_y, n_h)) * sqrt(1 / n_h); b1, b2 zeros. rng=None means
    np.random.default_rng(0).
    batch_size=None: full batch, one step per epoch. Otherwise each epoch visits the columns in
    the order rng.permutation(m), in batches of batch_size (the last one may be smaller), one
    step per batch; batch_size=1 is SGD.
    losses: one float per epoch, bce_loss on all of (X, Y) after that epoch (no L2 term).
    """
    rng = np.random.default_rng(0) if rng is None else rng
    n_x, m = X.shape
    n_y = Y.shape[0]
    params = {"W1": rng.standard_normal((n_h, n_x)) * np.sqrt(1.0 / n_x),
              "b1": np.zeros((n_h, 1)),
              "W2": rng.standard_normal((n_y, n_h)) * np.sqrt(1.0 / n_h),
              "b2": np.zeros((n_y, 1))}
    losses = []
    for _ in range(epochs):
        if batch_size is None:
            batches = [np.arange(m)]
        else:
            order = rng.permutation(m)
            batches = [order[start:start + batch_size] for start in range(0, m - batch_size + 1, batch_size)]
        for idx in batches:
            Xb, Yb = X[:, idx], Y[:, idx]
            _, cache = forward(Xb, params, activation)
            grads = backward(Xb, Yb, params, cache, activation, reg_lambda)
            params = update(params, grads, lr)
        A2, _ = forward(X, params, activation)
        losses.append(bce_loss(Y, A2))
    return params, losses

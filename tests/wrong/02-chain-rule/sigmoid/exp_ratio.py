"""exp(z) / (1 + exp(z)) for every z: inf / inf = nan at z = 1000, with warnings."""


def sigmoid(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / (1.0 + e)

"""The textbook formula as it stands: exp(-z) overflows for z = -1000 and numpy warns."""


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))

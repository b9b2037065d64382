"""Two safe-looking forms chosen with np.where, which computes both: exp(-z) and exp(z) overflow."""


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))

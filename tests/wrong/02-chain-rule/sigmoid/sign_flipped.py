"""1 / (1 + exp(z)): the sign in the exponent is lost, which gives sigmoid(-z); clipped, so no warning."""


def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -500, 500)
    return 1.0 / (1.0 + np.exp(z))

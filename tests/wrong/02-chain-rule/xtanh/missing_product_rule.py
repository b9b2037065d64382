"""f'(x) = x * tanh'(x): the product rule's tanh(x) term is missing."""


def xtanh(x):
    x = np.asarray(x, dtype=float)
    return x * np.tanh(x)


def xtanh_derivative(x):
    x = np.asarray(x, dtype=float)
    return x * (1.0 - np.tanh(x) ** 2)

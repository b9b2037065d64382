"""f'(x) = 1 - tanh(x)**2: the derivative of tanh alone, as if x were a constant factor of 1."""


def xtanh(x):
    x = np.asarray(x, dtype=float)
    return x * np.tanh(x)


def xtanh_derivative(x):
    return 1.0 - np.tanh(np.asarray(x, dtype=float)) ** 2

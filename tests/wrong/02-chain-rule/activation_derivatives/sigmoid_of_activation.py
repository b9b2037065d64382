"""a * (1 - a) applied to z itself, as if the argument were the activation a = sigma(z)."""


def sigmoid_derivative(z):
    return z * (1.0 - z)


def tanh_derivative(z):
    return 1.0 - np.tanh(z) ** 2


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)

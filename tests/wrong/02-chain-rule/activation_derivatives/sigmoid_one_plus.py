"""sigma'(z) written as sigma(z) * (1 + sigma(z)): a sign slip in the derivation."""


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 + s)


def tanh_derivative(z):
    return 1.0 - np.tanh(z) ** 2


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)

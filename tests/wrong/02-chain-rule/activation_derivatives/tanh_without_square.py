"""tanh'(z) written as 1 - tanh(z): the square is forgotten."""


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(z):
    return 1.0 - np.tanh(z)


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)

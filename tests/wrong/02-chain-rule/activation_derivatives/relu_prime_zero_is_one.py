"""z >= 0: relu'(0) = 1 instead of the course's convention relu'(0) = 0."""


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(z):
    return 1.0 - np.tanh(z) ** 2


def relu_derivative(z):
    return (np.asarray(z) >= 0).astype(float)

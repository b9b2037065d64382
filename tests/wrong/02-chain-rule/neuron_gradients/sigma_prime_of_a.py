"""sigma'(a) in place of sigma'(z): the derivative evaluated at the activation."""


def neuron_gradients(x, w, b, y):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    a = float(sigmoid(np.dot(w, x) + b))
    loss = (a - y) ** 2
    dz = 2.0 * (a - y) * float(sigmoid_derivative(a))
    return float(loss), dz * x, float(dz)

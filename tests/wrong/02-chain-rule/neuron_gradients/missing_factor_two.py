"""dL/da = (a - y): the 2 from differentiating the square is dropped."""


def neuron_gradients(x, w, b, y):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    a = float(sigmoid(np.dot(w, x) + b))
    loss = (a - y) ** 2
    dz = (a - y) * a * (1.0 - a)
    return float(loss), dz * x, float(dz)

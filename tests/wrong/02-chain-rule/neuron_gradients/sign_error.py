"""dL/da = 2 (y - a): the gradient points uphill of the wrong side, every sign flipped."""


def neuron_gradients(x, w, b, y):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    a = float(sigmoid(np.dot(w, x) + b))
    loss = (a - y) ** 2
    dz = 2.0 * (y - a) * a * (1.0 - a)
    return float(loss), dz * x, float(dz)

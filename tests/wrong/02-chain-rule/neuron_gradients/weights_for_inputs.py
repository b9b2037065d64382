"""dw = dL/dz * w: the multiply node's gradient uses the same input instead of the other one."""


def neuron_gradients(x, w, b, y):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    a = float(sigmoid(np.dot(w, x) + b))
    loss = (a - y) ** 2
    dz = 2.0 * (a - y) * a * (1.0 - a)
    return float(loss), dz * w, float(dz)

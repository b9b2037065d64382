"""The backward pass starts at the multiply node: the tanh node's local gradient is left out."""


def graph_backward(x, y, z):
    q = x + y
    f = np.tanh(q * z)
    return float(f), float(z), float(z), float(q)

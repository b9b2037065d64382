"""dW built as A_prev @ dZ.T: the right numbers in the layout of W.T, (n_in, n_out) instead of (n_out, n_in)."""


def linear_backward(dZ, A_prev, W):
    return W.T @ dZ, A_prev @ dZ.T, np.sum(dZ, axis=1, keepdims=True)

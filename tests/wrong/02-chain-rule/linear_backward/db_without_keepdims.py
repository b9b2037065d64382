"""db summed without keepdims: shape (n_out,) instead of (n_out, 1), which broadcasts wrongly against b."""


def linear_backward(dZ, A_prev, W):
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1)

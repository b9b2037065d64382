"""db taken from the first example alone, as if b reached one column of Z instead of all of them."""


def linear_backward(dZ, A_prev, W):
    return W.T @ dZ, dZ @ A_prev.T, dZ[:, :1].copy()

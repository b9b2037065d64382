"""(f(x + eps) - f(x)) / eps: a forward difference, with an error of order eps instead of eps**2."""


def numerical_gradient(f, x, eps=1e-5):
    probe = np.array(x, dtype=float, copy=True)
    grad = np.zeros_like(probe)
    f_here = float(f(probe))
    for idx in np.ndindex(probe.shape):
        original = probe[idx]
        probe[idx] = original + eps
        grad[idx] = (float(f(probe)) - f_here) / eps
        probe[idx] = original
    return grad

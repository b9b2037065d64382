"""(f(x + eps) - f(x - eps)) / eps: the step between the two points is 2 eps, not eps."""


def numerical_gradient(f, x, eps=1e-5):
    probe = np.array(x, dtype=float, copy=True)
    grad = np.zeros_like(probe)
    for idx in np.ndindex(probe.shape):
        original = probe[idx]
        probe[idx] = original + eps
        f_plus = float(f(probe))
        probe[idx] = original - eps
        f_minus = float(f(probe))
        probe[idx] = original
        grad[idx] = (f_plus - f_minus) / eps
    return grad

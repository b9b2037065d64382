"""Perturbs x in place and undoes it with += eps / -= 2 eps / += eps: x ends off by rounding errors."""


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for idx in np.ndindex(x.shape):
        x[idx] += eps
        f_plus = float(f(x))
        x[idx] -= 2 * eps
        f_minus = float(f(x))
        x[idx] += eps
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad

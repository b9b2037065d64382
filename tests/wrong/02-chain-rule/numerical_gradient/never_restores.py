"""Perturbs x in place and never puts the entries back: x is changed and later entries are off."""


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for idx in np.ndindex(x.shape):
        x[idx] += eps
        f_plus = float(f(x))
        x[idx] -= 2 * eps
        f_minus = float(f(x))
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad

"""Central difference divided by eps instead of 2 eps."""
import numpy as np

MISTAKE = "factor_two_extra"

def numerical_gradient(f, x, eps=1e-5):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(*x.shape):
        xp = x.copy(); xp[i] += eps
        xm = x.copy(); xm[i] -= eps
        g[i] = (f(xp) - f(xm)) / eps
    return g

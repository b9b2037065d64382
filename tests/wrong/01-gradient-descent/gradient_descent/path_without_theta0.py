"""Records theta only after each step: the path misses its start and has n_steps rows."""
import numpy as np


def gradient_descent(grad_fn, theta0, lr, n_steps):
    theta = np.array(theta0, dtype=float)
    path = []
    for _ in range(n_steps):
        theta = theta - lr * grad_fn(theta)
        path.append(theta)
    return theta, np.array(path)

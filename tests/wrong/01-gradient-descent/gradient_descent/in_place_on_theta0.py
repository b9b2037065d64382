"""Steps with -= on theta0 itself: the caller's array changes under them."""
import numpy as np


def gradient_descent(grad_fn, theta0, lr, n_steps):
    theta = theta0
    path = [theta.copy()]
    for _ in range(n_steps):
        theta -= lr * grad_fn(theta)
        path.append(theta.copy())
    return theta, np.array(path)

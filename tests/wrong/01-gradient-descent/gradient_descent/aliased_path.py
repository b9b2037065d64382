"""Copies theta0 once, then updates in place and appends the same array: every row is the last theta."""
import numpy as np


def gradient_descent(grad_fn, theta0, lr, n_steps):
    theta = theta0.copy()
    path = [theta]
    for _ in range(n_steps):
        theta -= lr * grad_fn(theta)
        path.append(theta)
    return theta, np.array(path)

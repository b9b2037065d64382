"""Adds the gradient instead of subtracting it: gradient ascent."""
import numpy as np


def gradient_descent(grad_fn, theta0, lr, n_steps):
    theta = np.array(theta0, dtype=float)
    path = [theta]
    for _ in range(n_steps):
        theta = theta + lr * grad_fn(theta)
        path.append(theta)
    return theta, np.array(path)

"""Appends to the path only after each step, so theta0 is not the first row."""
import numpy as np

MISTAKE = "off_by_one"

def gradient_descent(grad_fn, theta0, lr, n_steps):
    theta = np.array(theta0, dtype=float)
    path = []
    for _ in range(n_steps):
        theta = theta - lr * np.asarray(grad_fn(theta), float)
        path.append(theta)
    return theta, np.array(path)

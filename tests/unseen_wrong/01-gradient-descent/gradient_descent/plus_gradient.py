"""Writes theta = theta + lr * grad."""
import numpy as np

MISTAKE = "sign_flipped"

def gradient_descent(grad_fn, theta0, lr, n_steps):
    theta = np.array(theta0, dtype=float)
    path = [theta.copy()]
    for _ in range(n_steps):
        theta = theta + lr * np.asarray(grad_fn(theta), float)
        path.append(theta.copy())
    return theta, np.array(path)

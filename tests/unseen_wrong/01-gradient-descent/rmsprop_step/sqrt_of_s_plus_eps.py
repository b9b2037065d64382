"""Divides by np.sqrt(s + eps)."""
import numpy as np

MISTAKE = "01-gradient-descent/rmsprop_step/eps_inside_sqrt"

def rmsprop_step(theta, grad, sq_avg, lr, rho=0.9, eps=1e-8):
    s = rho * sq_avg + (1 - rho) * np.square(grad)
    return theta - lr * grad / np.sqrt(s + eps), s

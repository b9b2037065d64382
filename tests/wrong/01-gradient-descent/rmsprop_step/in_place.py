"""Updates theta and sq_avg in place (the caller's arrays change)."""
import numpy as np


def rmsprop_step(theta, grad, sq_avg, lr, rho=0.9, eps=1e-8):
    sq_avg *= rho
    sq_avg += (1 - rho) * grad ** 2
    theta -= lr * grad / (np.sqrt(sq_avg) + eps)
    return theta, sq_avg

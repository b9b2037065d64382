"""Swaps the weights of the moving average: s = (1 - rho) s + rho grad**2."""
import numpy as np


def rmsprop_step(theta, grad, sq_avg, lr, rho=0.9, eps=1e-8):
    sq_avg = (1 - rho) * sq_avg + rho * grad ** 2
    return theta - lr * grad / (np.sqrt(sq_avg) + eps), sq_avg

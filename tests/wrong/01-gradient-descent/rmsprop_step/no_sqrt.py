"""Divides by the mean square itself, without the square root."""


def rmsprop_step(theta, grad, sq_avg, lr, rho=0.9, eps=1e-8):
    sq_avg = rho * sq_avg + (1 - rho) * grad ** 2
    return theta - lr * grad / (sq_avg + eps), sq_avg

"""Averages instead of accumulating: v = beta v + (1 - beta) grad."""


def momentum_step(theta, grad, velocity, lr, beta=0.9):
    velocity = beta * velocity + (1 - beta) * grad
    return theta - lr * velocity, velocity

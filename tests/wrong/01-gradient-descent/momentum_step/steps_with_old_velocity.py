"""Moves theta with the velocity from before this step's update."""


def momentum_step(theta, grad, velocity, lr, beta=0.9):
    new_theta = theta - lr * velocity
    return new_theta, beta * velocity + grad

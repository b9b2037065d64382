"""Updates velocity and theta with *=, += and -=, changing the caller's arrays."""
import numpy as np

MISTAKE = "in_place"

def momentum_step(theta, grad, velocity, lr, beta=0.9):
    velocity *= beta
    velocity += grad
    theta -= lr * velocity
    return theta, velocity

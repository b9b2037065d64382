"""Updates the velocity but steps theta with the plain gradient (no such entry in the catalogue)."""
import numpy as np

MISTAKE = "velocity_unused"

def momentum_step(theta, grad, velocity, lr, beta=0.9):
    velocity = beta * velocity + grad
    return theta - lr * grad, velocity

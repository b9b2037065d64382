"""Updates theta and velocity in place (the caller's arrays change)."""


def momentum_step(theta, grad, velocity, lr, beta=0.9):
    velocity *= beta
    velocity += grad
    theta -= lr * velocity
    return theta, velocity

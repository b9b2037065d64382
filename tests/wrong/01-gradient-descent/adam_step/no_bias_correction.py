"""Uses m and v directly, without dividing by 1 - beta**t."""
import numpy as np


def adam_step(theta, grad, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad ** 2
    return theta - lr * m / (np.sqrt(v) + eps), {"m": m, "v": v, "t": state["t"] + 1}

"""Writes the new moments and t into the dict it was given (and returns that same dict)."""
import numpy as np


def adam_step(theta, grad, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    state["t"] += 1
    state["m"] = beta1 * state["m"] + (1 - beta1) * grad
    state["v"] = beta2 * state["v"] + (1 - beta2) * grad ** 2
    m_hat = state["m"] / (1 - beta1 ** state["t"])
    v_hat = state["v"] / (1 - beta2 ** state["t"])
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), state

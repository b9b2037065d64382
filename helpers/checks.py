"""Assertions for the visible tests: each failure says what was expected, what came, and a hint.

A failing check raises ``AssertionError`` so nbgrader counts the cell as failed, with a message
written for a student rather than a stack of numpy internals.
"""
from contextlib import contextmanager

import numpy as np

from helpers import mistakes


def _fail(what, expected, got, hint):
    message = f"{what}\n  expected: {expected}\n  got:      {got}"
    if hint:
        message += f"\n  hint:     {hint}"
    raise AssertionError(message + mistakes.likely_line())


def _short(value):
    text = np.array2string(value, precision=6, threshold=12) if isinstance(value, np.ndarray) else repr(value)
    return text if len(text) < 300 else text[:297] + "..."


def check_type(name, value, expected_type, hint=None):
    """``value`` is an instance of ``expected_type`` (a type or a tuple of types)."""
    if not isinstance(value, expected_type):
        names = expected_type if isinstance(expected_type, tuple) else (expected_type,)
        _fail(f"{name} has the wrong type.", " or ".join(t.__name__ for t in names),
              type(value).__name__, hint)


def check_float(name, value, hint=None):
    """A plain Python float (losses are returned as floats, not 0-d or 1-element arrays)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (float, int, np.floating, np.integer)):
        _fail(f"{name} should be a single number.", "a float", f"{type(value).__name__} {_short(value)}",
              hint or "reduce to one number, e.g. with np.mean(...), then float(...)")


def check_shape(name, value, shape, hint=None):
    """``value`` is an ndarray with exactly this shape."""
    if not isinstance(value, np.ndarray):
        _fail(f"{name} should be a numpy array.", f"ndarray of shape {shape}", type(value).__name__, hint)
    if value.shape != tuple(shape):
        _fail(f"{name} has the wrong shape.", tuple(shape), value.shape,
              hint or "check the (n_out, n_in) and (features, examples) conventions")


def check_finite(name, value, hint=None):
    """No NaN or infinity anywhere in ``value``."""
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)):
        _fail(f"{name} contains NaN or infinity.", "finite values", _short(value), hint)


def check_close(name, got, expected, rtol=1e-6, atol=1e-9, hint=None):
    """``got`` matches ``expected`` entry by entry within the tolerances (shapes must agree)."""
    got_arr = np.asarray(got, dtype=float)
    exp_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != exp_arr.shape:
        _fail(f"{name} has the wrong shape.", exp_arr.shape, got_arr.shape, hint)
    if not np.allclose(got_arr, exp_arr, rtol=rtol, atol=atol, equal_nan=False):
        _fail(f"{name} is not the expected value.", _short(expected), _short(got), hint)


def check_true(condition, what, hint=None):
    """A property that has no single expected value (monotone, in range, unchanged...)."""
    if not condition:
        message = what if not hint else f"{what}\n  hint:     {hint}"
        raise AssertionError(message + mistakes.likely_line())


def check_unchanged(name, before, after, hint=None):
    """An argument was not modified in place by the function under test."""
    if not np.array_equal(np.asarray(before), np.asarray(after)):
        _fail(f"{name} was modified in place.", "the argument left as it was", "it changed",
              hint or "work on a copy (arr.copy(), or arr - ... instead of arr -= ...)")


@contextmanager
def once_solved(*exercise_ids):
    """Run a demo cell only when the exercises it uses are done; otherwise say which to finish.

    Demo cells in the student release call functions that still raise NotImplementedError; this
    keeps those cells quiet and tells the student what to do instead of showing a traceback.
    """
    try:
        yield
    except NotImplementedError:
        names = ", ".join(f"`{e}`" for e in exercise_ids)
        print(f"This cell needs your solution to {names}: finish it above, then run this cell again.")

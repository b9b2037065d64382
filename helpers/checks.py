"""Assertions for the visible tests: each failure says what was expected, what came, and a hint.

A failing check raises ``CheckFailed`` (an ``AssertionError``) so nbgrader counts the cell as
failed; in JupyterLab it shows just that message and the line of the cell, not a traceback
(``helpers.messages``). Importing this module also makes an unsolved exercise say which function
to write, and a cell whose checks pass say so.
"""
import functools
import sys

import numpy as np

from helpers import messages, mistakes

messages.install()


def _fail(what, expected=None, got=None, hint=None):
    """The one place a failed check is built and raised (``expected``/``got`` None: a plain statement)."""
    message = what if expected is None and got is None else f"{what}\n  expected: {expected}\n  got:      {got}"
    if hint:
        message += f"\n  hint:     {hint}"
    raise messages.CheckFailed(message + mistakes.likely_line())


def _counted(check):
    """Count every check a cell runs, so a cell whose checks all pass can say so."""
    @functools.wraps(check)
    def counted(*args, **kwargs):
        messages.checks_run += 1
        return check(*args, **kwargs)
    return counted


def _number(x):
    """One entry: 8 significant digits, and a float always looks like one (``2.0``, not ``2``)."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (float, np.floating)):
        return repr(x.item() if isinstance(x, np.generic) else x)
    text = f"{float(x):.8g}"
    return text if any(c in text for c in ".enia") else text + ".0"


def _listing(arr, edge=3, most=12):
    """``[a, b, ...]`` on one line, nested per axis; more than ``most`` entries: the first and last ``edge``."""
    if arr.ndim == 0:
        return _number(arr[()])
    items = [_listing(row) for row in arr] if len(arr) <= most else \
        [_listing(row) for row in arr[:edge]] + ["..."] + [_listing(row) for row in arr[-edge:]]
    return "[" + ", ".join(items) + "]"


def _short(value):
    """A value in a failure message: numbers and arrays the same way wherever they appear
    (expected and got, in the notebook, the feedback and the grader's summary)."""
    if isinstance(value, np.ndarray) and value.dtype != object:
        text = _listing(value)
    elif isinstance(value, (float, np.floating, int, np.integer)):
        text = _number(value)
    else:
        text = repr(value)
    return text if len(text) < 300 else text[:296] + " ..."


@_counted
def check_type(name, value, expected_type, hint=None):
    """``value`` is an instance of ``expected_type`` (a type or a tuple of types)."""
    if not isinstance(value, expected_type):
        names = expected_type if isinstance(expected_type, tuple) else (expected_type,)
        _fail(f"{name} has the wrong type.", " or ".join(t.__name__ for t in names),
              type(value).__name__, hint)


@_counted
def check_float(name, value, hint=None):
    """A plain Python float (losses are returned as floats, not 0-d or 1-element arrays)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (float, int, np.floating, np.integer)):
        _fail(f"{name} should be a single number.", "a float", f"{type(value).__name__} {_short(value)}",
              hint or "reduce to one number, e.g. with np.mean(...), then float(...)")


@_counted
def check_shape(name, value, shape, hint=None):
    """``value`` is an ndarray with exactly this shape."""
    if not isinstance(value, np.ndarray):
        _fail(f"{name} should be a numpy array.", f"ndarray of shape {shape}", type(value).__name__, hint)
    if value.shape != tuple(shape):
        _fail(f"{name} has the wrong shape.", tuple(shape), value.shape,
              hint or "check the (n_out, n_in) and (features, examples) conventions")


@_counted
def check_finite(name, value, hint=None):
    """No NaN or infinity anywhere in ``value``."""
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)):
        _fail(f"{name} contains NaN or infinity.", "finite values", _short(value), hint)


@_counted
def check_close(name, got, expected, rtol=1e-6, atol=1e-9, hint=None):
    """``got`` matches ``expected`` entry by entry within the tolerances (shapes must agree)."""
    got_arr = np.asarray(got, dtype=float)
    exp_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != exp_arr.shape:
        _fail(f"{name} has the wrong shape.", exp_arr.shape, got_arr.shape, hint)
    if not np.allclose(got_arr, exp_arr, rtol=rtol, atol=atol, equal_nan=False):
        _fail(f"{name} is not the expected value.", _short(exp_arr), _short(got_arr), hint)


@_counted
def check_true(condition, what, hint=None):
    """A property that has no single expected value (monotone, in range, unchanged...)."""
    if not condition:
        _fail(what, hint=hint)


@_counted
def check_unchanged(name, before, after, hint=None):
    """An argument was not modified in place by the function under test."""
    if not np.array_equal(np.asarray(before), np.asarray(after)):
        _fail(f"{name} was modified in place.", "the argument left as it was", "it changed",
              hint or "work on a copy (arr.copy(), or arr - ... instead of arr -= ...)")


class once_solved:
    """Run a demo cell only when the exercises it uses are done; otherwise say what to do.

    ``with once_solved("fit_sine", "train"):`` around a demo cell's code, naming the student's
    functions it uses. Demo cells in the student release call functions that still raise
    NotImplementedError, or need what an earlier demo cell could not make for that reason. Instead
    of a traceback the cell prints one line with the real cause (``messages.why_missing``): a
    function not written yet, a function whose cell has not run, one that failed, or a cell above
    to run first; any figure the cell had started is dropped, so no empty axes are shown. Other
    errors, and a NameError inside one of ``functions`` (a slip in the student's code), go through.
    """

    def __init__(self, *functions):
        self.functions = functions
        self.namespace = sys._getframe(1).f_globals   # the notebook's: where the functions live

    def __enter__(self):
        return self

    def __exit__(self, etype, error, tb):
        if etype is None:
            return False
        if issubclass(etype, NotImplementedError):
            messages.note_failure(error)
            line = messages.not_solved_line(error, self.functions, again=True)
        elif issubclass(etype, NameError) and error.name and not self._inside_functions(error):
            line = messages.why_missing(error.name, self.functions, self.namespace)
        else:
            return False
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        print(line)
        return True

    def _inside_functions(self, error):
        code = messages.failing_code(error)
        return code is not None and messages.code_name(code) in self.functions

"""Assertions for the visible tests: each failure says what was expected, what came, and a hint.

A failing check raises ``CheckFailed`` (an ``AssertionError``) so nbgrader counts the cell as
failed; in JupyterLab it shows just that message and the line of the cell, not a traceback
(``helpers.messages``). Importing this module also makes an unsolved exercise say which function
to write, and a cell whose checks pass say so.
"""
import functools
import sys
import types

import numpy as np

from helpers import code_errors, messages, mistakes

messages.install()


def _fail(what, expected=None, got=None, hint=None):
    """The one place a failed check is built and raised (``expected``/``got`` None: a plain statement)."""
    message = what if expected is None and got is None else f"{what}\n  expected: {expected}\n  got:      {got}"
    if hint:
        message += f"\n  hint:     {hint}"
    raise messages.CheckFailed(message + mistakes.likely_line())


def _kind_of(value):
    """``a list``, ``a tuple``, ``None``, ``a float``: what came instead of an array, in words."""
    if value is None:
        return "None"
    name = type(value).__name__
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _type_hint(value):
    """What to do about a value of the wrong type, whatever the exercise."""
    if isinstance(value, (list, tuple)):
        return f"{_kind_of(value)} is fine while you build the result, but return a numpy array: " \
               "np.array(...) turns a list of numbers or of rows into one"
    if value is None:
        return "is a `return` missing?"
    return None


def _as_float_array(name, value, hint):
    """``value`` as a float array, or a failed check saying it cannot be read as numbers."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        _fail(f"{name} cannot be read as numbers.", "numbers, or an array of numbers",
              f"{type(value).__name__} {_short(value)}", _type_hint(value) or hint)


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
              hint or "reduce to one number, then make it a Python float with float(...)")


@_counted
def check_shape(name, value, shape, hint=None):
    """``value`` is an ndarray with exactly this shape."""
    if not isinstance(value, np.ndarray):
        got = _kind_of(value) + (f" of {len(value)} items" if isinstance(value, (list, tuple)) else "")
        _fail(f"{name} should be a numpy array of shape {tuple(shape)}, got {got}.",
              f"ndarray of shape {tuple(shape)}", got, _type_hint(value) or hint)
    if value.shape != tuple(shape):
        _fail(f"{name} has the wrong shape.", tuple(shape), value.shape,
              hint or "check the (n_out, n_in) and (features, examples) conventions")


@_counted
def check_finite(name, value, hint=None):
    """No NaN or infinity anywhere in ``value``."""
    arr = _as_float_array(name, value, hint)
    if not np.all(np.isfinite(arr)):
        _fail(f"{name} contains NaN or infinity.", "finite values", _short(value), hint)


@_counted
def check_close(name, got, expected, rtol=1e-6, atol=1e-9, hint=None):
    """``got`` matches ``expected`` entry by entry within the tolerances (shapes must agree)."""
    got_arr = _as_float_array(name, got, hint)
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
        _fail(f"{name} was modified in place.", "the argument left as it was", _what_changed(before, after),
              hint or "work on a copy (arr.copy(), or arr - ... instead of arr -= ...)")


def _what_changed(before, after):
    """What an argument became, short: ``[0.25, -0.5] (it was [1.0, -2.0])``; of a larger array,
    how many entries changed and the first of them."""
    try:
        old, new = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    except (TypeError, ValueError):
        return f"{_short(after)} (it was {_short(before)})"
    if old.shape != new.shape or old.size <= 6:
        return f"{_short(new)} (it was {_short(old)})"
    changed = np.argwhere(~((old == new) | (np.isnan(old) & np.isnan(new))))
    where = tuple(int(i) for i in changed[0])
    at = where[0] if len(where) == 1 else where
    return (f"{len(changed)} of {old.size} entries changed; entry {at} is {_number(new[where])} "
            f"(it was {_number(old[where])})")


class _NotUsable(Exception):
    """Raised inside a demo by a function whose visible test failed."""


def _copied(value):
    """A copy of an array, or of a dict whose values are arrays (a params dict); anything else as it is."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict) and value and all(isinstance(v, np.ndarray) for v in value.values()):
        return {k: v.copy() for k, v in value.items()}
    return value


class once_solved:
    """Run a demo cell only when the exercises it uses are done; otherwise say what to do.

    ``with once_solved("fit_sine", "train"):`` around a demo cell's code, naming the student's
    functions it uses. Instead of a traceback the cell prints one line and drops any figure it had
    started, so no empty axes are shown, and Run All goes on:

    - a function that still raises NotImplementedError: not solved yet, write it;
    - a function whose visible test failed, for whatever reason (a list where an array is asked
      for, a theta0 changed in place): the demo does not run it, and says why in one line;
    - an error raised inside one of ``functions`` (or what they call): the function, the error in
      one line and the line of the student's code;
    - an error in the demo's own code after one of ``functions`` returned: what it returned, and
      the error it caused (a result of the wrong type or shape that no test caught yet);
    - a NameError for what an earlier cell should have made: the real cause
      (``messages.why_missing``).

    An error before any of ``functions`` ran goes through: it is the course's, not the student's.
    """

    def __init__(self, *functions):
        self.functions = functions
        self.namespace = sys._getframe(1).f_globals   # the notebook's: where the functions live
        self.returned, self.originals, self.active = {}, {}, False

    def __enter__(self):
        self.active = True
        for name in self.functions:
            function = self.namespace.get(name)
            if isinstance(function, types.FunctionType) and not function.__module__.startswith("helpers"):
                self.originals[name] = function
                self.namespace[name] = self._watched(name, function)
        return self

    def _watched(self, name, function):
        """``function``, refused when its visible test failed, given copies of the arrays (and
        dicts of arrays) it is passed, so that one call cannot change what the demo's next call
        starts from, and with the kind of each result noted (``returned``) while the demo runs."""
        @functools.wraps(function)
        def watched(*args, **kwargs):
            if self.active and function.__code__ in messages.unusable:
                raise _NotUsable(f"`{name}` does not pass its visible test yet: "
                                 f"{messages.unusable[function.__code__]}. Fix it, then run this cell again")
            if self.active:
                args, kwargs = [_copied(a) for a in args], {k: _copied(v) for k, v in kwargs.items()}
            result = function(*args, **kwargs)
            if self.active:
                self.returned[name] = code_errors.value_text(result)
            return result
        return watched

    def _restore(self):
        self.active = False
        for name, function in self.originals.items():
            if getattr(self.namespace.get(name), "__wrapped__", None) is function:
                self.namespace[name] = function

    def __exit__(self, etype, error, tb):
        self._restore()
        if etype is None or not issubclass(etype, Exception):
            return False
        line = self._line(etype, error)
        if line is None:
            return False
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        print(line)
        return True

    def _line(self, etype, error):
        """The one line for ``error``, or None to let it through."""
        if issubclass(etype, _NotUsable):
            return str(error)
        if issubclass(etype, NotImplementedError):
            messages.note_failure(error)
            return messages.not_solved_line(error, self.functions, again=True)
        frames = code_errors.student_frames(error, self.functions)
        if issubclass(etype, NameError) and error.name and not frames:
            return messages.why_missing(error.name, self.functions, self.namespace)
        if frames:
            messages.note_failure(error)
            name, lineno, text = frames[-1][:3]
            inner = f"in `{name}`, " if name != frames[0][0] else ""
            return (f"`{frames[0][0]}` stopped with {code_errors.one_line(error)} ({inner}line {lineno}"
                    f"{': ' + text if text else ''}). Fix it (its test above says more), then run this cell again")
        if self.returned:
            what = "; ".join(f"`{name}` returned {kind}" for name, kind in self.returned.items())
            return (f"this demo could not use what your functions returned ({what}): {code_errors.one_line(error)}. "
                    "Compare with what their docstrings promise, then run this cell again")
        return None

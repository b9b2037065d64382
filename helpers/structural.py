"""How a wrong result is related to the right one: the structural half of a diagnosis.

A student's value and the expected value often differ in a way that names the mistake without
knowing the code: every entry has the opposite sign, the whole result is a whole-number multiple
of the right one (a sum where a mean was meant), a matrix comes out transposed, a list is one
entry short. ``relation(expected, got)`` returns the *kind* of such a relation (a key of the
catalogue's ``[kinds]``), never a number: the caller turns the kind into a sentence, so nothing
about the values themselves reaches the student.

Used in the student's kernel on the visible checks (``helpers.mistakes``, where the expected value
is printed anyway) and by the grader on hidden records (``autograder.diagnose``, outside the kernel).
"""
import numpy as np

# A relation between single numbers proves little (any two numbers have a ratio): a kind is named
# only when at least this many entries bear it out. A shape relation counts as sure.
MIN_SUPPORT = 3
SURE = 10 ** 6
# Kinds this module can find, in the order they are tried.
KINDS = ("sign_flipped", "transposed", "flattened", "reversed_order", "off_by_one",
         "missing_mean", "extra_mean", "factor_two_missing", "factor_two_extra", "squared", "square_root")


def _numeric(value):
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - ragged lists and the like are not numbers
        return None
    if arr.dtype == object or arr.dtype.kind not in "biuf":
        return None
    return arr.astype(float)


def _close(a, b, rtol, atol):
    return a.shape == b.shape and bool(np.all(np.isfinite(a))) and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _factor(e, g, rtol):
    """``(c, n)`` with g = c e entrywise on the n entries that are not near zero, or None."""
    scale = np.max(np.abs(e)) if e.size else 0.0
    mask = np.abs(e) > 1e-6 * max(scale, 1e-300)
    if e.shape != g.shape or not mask.any() or not np.all(np.isfinite(g)):
        return None
    ratios = g[mask] / e[mask]
    c = float(np.median(ratios))
    if c == 0 or not np.allclose(ratios, c, rtol=max(rtol, 1e-7), atol=0):
        return None
    if not np.allclose(g[~mask], c * e[~mask], rtol=1e-6, atol=1e-9 * max(scale, 1.0) * abs(c)):
        return None
    return c, int(mask.sum())


def _whole(x):
    return abs(x - round(x)) < 1e-6 * max(1.0, abs(x))


def _array_relation(e, g, rtol, atol):
    """``(kind, support)``: support counts the entries that bear the relation out."""
    if e.shape == g.shape:
        if _close(e, g, rtol, atol):
            return None
        if _close(-g, e, rtol, atol) and np.any(np.abs(e) > atol):
            return "sign_flipped", int(np.sum(np.abs(e) > atol))
        if e.ndim >= 1 and e.shape[0] > 1 and _close(g, e[::-1], rtol, atol):
            return "reversed_order", e.shape[0]
        found = _factor(e, g, rtol)
        if found is not None:
            c, n = found
            if abs(c - 0.5) < 1e-9:
                return "factor_two_missing", n
            if abs(c - 2.0) < 1e-9:
                return "factor_two_extra", n
            if c >= 3 and _whole(c):
                return "missing_mean", n
            if 0 < c <= 1 / 3 + 1e-12 and _whole(1 / c):
                return "extra_mean", n
            return None
        finite = np.all(np.isfinite(e)) and np.all(np.isfinite(g))
        if finite and np.all(e >= 0) and _close(g, e ** 2, rtol, atol):
            return "squared", int(np.sum(np.abs(e - e ** 2) > atol))
        if finite and np.all(e >= 0) and _close(g, np.sqrt(e), rtol, atol):
            return "square_root", int(np.sum(np.abs(e - np.sqrt(e)) > atol))
        return None
    if e.ndim == 2 and g.shape == e.shape[::-1]:
        return "transposed", SURE
    if e.size == g.size and e.size > 0 and _close(g.reshape(e.shape), e, rtol, atol):
        return "flattened", SURE
    if e.ndim == g.ndim and e.ndim >= 1 and e.shape[1:] == g.shape[1:] and abs(e.shape[0] - g.shape[0]) == 1:
        return "off_by_one", SURE
    return None


def relation(expected, got, rtol=1e-6, atol=1e-9):
    """The kind of mistake that turns ``expected`` into ``got``, or None.

    ``expected`` and ``got``: numbers, arrays, lists or dicts of them (as the evidence records
    hold them). For a dict or list every differing entry must show the same kind, and at least
    ``MIN_SUPPORT`` entries must bear it out. Returns a name from ``KINDS`` or None when the two
    are equal or unrelated.
    """
    found = related(expected, got, rtol, atol)
    return found[0] if found and found[2] >= MIN_SUPPORT else None


def related(expected, got, rtol=1e-6, atol=1e-9):
    """``(kind, keys, support)`` or None: ``relation`` before the support is counted.

    ``keys``: the dict keys (of ``expected``) where the relation shows; ``support``: how many
    entries bear it out (callers adding up several results compare the sum with ``MIN_SUPPORT``).
    """
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return None
        missing = [k for k in expected if k not in got]
        if missing:
            return ("off_by_one", missing, SURE) if set(got) <= set(expected) else None
        kinds, keys, support = set(), [], 0
        for key in expected:
            found = related(expected[key], got[key], rtol, atol)
            if found is None:
                if not _equalish(expected[key], got[key], rtol, atol):
                    return None  # a differing entry with no name: no single kind explains the whole
                continue
            kinds.add(found[0])
            keys.append(key)
            support += found[2]
        return (kinds.pop(), keys, support) if len(kinds) == 1 else None
    if isinstance(expected, (list, tuple)) and not _is_numeric_list(expected):
        if not isinstance(got, (list, tuple)) or len(got) != len(expected):
            return None
        found = [related(e, g, rtol, atol) for e, g in zip(expected, got)]
        kinds = {f[0] for f in found if f}
        if len(kinds) != 1 or any(f is None and not _equalish(e, g, rtol, atol)
                                  for f, e, g in zip(found, expected, got)):
            return None
        return kinds.pop(), [], sum(f[2] for f in found if f)
    e, g = _numeric(expected), _numeric(got)
    if e is None or g is None:
        return None
    found = _array_relation(e, g, rtol, atol)
    return (found[0], [], found[1]) if found else None


def _is_numeric_list(value):
    return _numeric(value) is not None


def _equalish(expected, got, rtol, atol):
    e, g = _numeric(expected), _numeric(got)
    if e is None or g is None:
        return expected == got if not isinstance(expected, (dict, list)) else False
    return _close(g, e, rtol, atol)

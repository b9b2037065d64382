"""The trusted half of every hidden test: compare a student's records with the solution's.

Runs in the grader process, never in the student's kernel, so patched numpy functions or builtins
in a submission cannot change a verdict. Rules and their parameters come from the solution's
records (``helpers.evidence``); from the student only the values are read.
"""
import numpy as np

from autograder.cells import nbgrader_meta
from helpers.evidence import MIME, decode


def records_by_cell(nb):
    """``{grade_id: [payload, ...]}`` for every graded cell of an executed notebook."""
    found = {}
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if cell.get("cell_type") != "code" or not grade_id:
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {}) if isinstance(out, dict) else {}
            if MIME in data and isinstance(data[MIME], dict):
                found.setdefault(grade_id, []).append(data[MIME])
    return found


def _as_array(value):
    arr = np.asarray(value)
    if arr.dtype == object:
        raise ValueError("not a numeric value")
    return arr.astype(float)


def _close(expected, got, rtol, atol):
    if isinstance(expected, dict):
        return isinstance(got, dict) and expected.keys() == got.keys() and all(
            _close(expected[k], got[k], rtol, atol) for k in expected)
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(
            _close(e, g, rtol, atol) for e, g in zip(expected, got))
    if isinstance(expected, str) or expected is None:
        return got == expected
    try:
        e, g = _as_array(expected), _as_array(got)
    except (TypeError, ValueError):
        return False
    return e.shape == g.shape and bool(np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True))


def _equal(expected, got):
    if isinstance(expected, dict):
        return isinstance(got, dict) and expected.keys() == got.keys() and all(_equal(expected[k], got[k]) for k in expected)
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(_equal(e, g) for e, g in zip(expected, got))
    if isinstance(expected, np.ndarray) or isinstance(got, np.ndarray):
        return isinstance(got, np.ndarray) and isinstance(expected, np.ndarray) and \
            got.shape == expected.shape and bool(np.array_equal(got, expected))
    return type(got) is type(expected) and got == expected


def _scalar(value):
    arr = _as_array(value)
    if arr.size != 1 or not np.isfinite(arr).all():
        raise ValueError("not one finite number")
    return float(arr.ravel()[0])


def verdict(reference, student):
    """Compare one record of the solution with the student's record of the same name.

    Returns ``(ok, reason)``; ``reason`` is a short sentence for the instructor's summary.
    """
    rule, params = reference["rule"], {k: decode(v) for k, v in reference.get("params", {}).items()}
    expected, got = decode(reference["value"]), decode(student["value"])
    try:
        if rule == "close":
            # numpy's own defaults, as the hidden asserts' ``np.allclose``: a value the kernel's
            # test accepts (a forward pass computed in float32) must not fail here.
            ok = _close(expected, got, params.get("rtol", 1e-5), params.get("atol", 1e-8))
        elif rule == "equal":
            ok = _equal(expected, got)
        elif rule == "at_least":
            ok = _scalar(got) >= params["bound"]
        elif rule == "at_most":
            ok = _scalar(got) <= params["bound"]
        elif rule == "accuracy_at_least":
            proba, labels = _as_array(got), _as_array(params["labels"])
            ok = proba.shape == labels.shape and np.isfinite(proba).all() and \
                float(np.mean((proba > 0.5) == (labels > 0.5))) >= params["minimum"]
        elif rule == "mse_at_most":
            pred, targets = _as_array(got), _as_array(params["targets"])
            ok = pred.shape == targets.shape and np.isfinite(pred).all() and \
                float(np.mean((pred - targets) ** 2)) <= params["maximum"]
        else:
            return False, f"unknown rule {rule!r} in the solution's record"
    except (KeyError, TypeError, ValueError):
        ok = False
    return bool(ok), "" if ok else f"{reference['name']}: result differs from the solution ({rule})"


def judge_cell(reference_records, student_records):
    """All of a test cell's records must be present, once each, and pass. Returns ``(ok, reasons)``.

    A name recorded more often than the solution records it fails the cell: a submission that
    displays a forged record of its own before the test's real one must not choose which counts.
    """
    by_name, expected = {}, {}
    for rec in student_records:
        if isinstance(rec, dict) and isinstance(rec.get("name"), str):
            by_name.setdefault(rec["name"], []).append(rec)
    for ref in reference_records:
        expected[ref["name"]] = expected.get(ref["name"], 0) + 1
    reasons = []
    for name, count in expected.items():
        if len(by_name.get(name, [])) > count:
            reasons.append(f"{name}: recorded {len(by_name[name])} times in one cell (the solution records it "
                           f"{count} time{'s' if count > 1 else ''}): forged evidence?")
    if reasons:
        return False, reasons
    seen = {}
    for ref in reference_records:
        k = seen[ref["name"]] = seen.get(ref["name"], -1) + 1
        recs = by_name.get(ref["name"], [])
        rec = recs[k] if k < len(recs) else None
        if rec is None or "value" not in rec:
            reasons.append(f"{ref['name']}: not recorded (the test stopped before it)")
            continue
        ok, reason = verdict(ref, rec)
        if not ok:
            reasons.append(reason)
    return not reasons, reasons

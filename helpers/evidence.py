"""What a hidden test hands to the grader: the student's results, recorded as plain data.

A test cell runs inside the student's kernel, where the student's code can replace anything
(``np.allclose``, ``assert`` helpers, builtins). So the points are not decided there. Each hidden
test also *records* the raw values the student's code produced, and the grader compares them,
outside the sandbox, with the values the instructor's solution records for the same test
(``autograder.judge``). The rule for a comparison is taken from the solution's record only.

    record("A2 on random shapes", A2)                                   # close to the solution
    record("test accuracy", proba, rule="accuracy_at_least", labels=Y, minimum=0.9)

Records travel as a display output with their own MIME type, so they are invisible in JupyterLab
and are stripped from feedback.
"""
import math

import numpy as np

MIME = "application/vnd.backprop-evidence+json"
RULES = ("close", "equal", "at_least", "at_most", "accuracy_at_least", "mse_at_most")

# Records made outside a kernel (the project's own tests exec cells in-process) land here.
recorded = []


def encode(value):
    """Plain JSON for numbers, arrays and containers of them; exact for float64."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else {"float": repr(value)}
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, np.ndarray):
        kind = "bool" if value.dtype == bool else "int" if np.issubdtype(value.dtype, np.integer) else "float"
        flat = value.astype(float).ravel() if kind == "float" else value.ravel()
        return {"array": [encode(v) for v in flat.tolist()], "shape": list(value.shape), "kind": kind}
    if isinstance(value, dict):
        return {"dict": {str(k): encode(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"list": [encode(v) for v in value]}
    return {"repr": type(value).__name__}


def decode(data):
    """Inverse of ``encode`` (arrays come back as float64, int64 or bool ndarrays)."""
    if not isinstance(data, dict):
        return data
    if "float" in data:
        return float(data["float"])
    if "array" in data:
        dtype = {"float": float, "int": np.int64, "bool": bool}[data["kind"]]
        flat = [decode(v) for v in data["array"]]
        return np.array(flat, dtype=dtype).reshape(data["shape"])
    if "dict" in data:
        return {k: decode(v) for k, v in data["dict"].items()}
    if "list" in data:
        return [decode(v) for v in data["list"]]
    return data


def record(name, value, rule="close", **params):
    """Record one result of the code under test for the grader (see the module docstring).

    rule: ``close`` (rtol, atol), ``equal``, ``at_least``/``at_most`` (bound), ``accuracy_at_least``
    (labels, minimum: value holds probabilities), ``mse_at_most`` (targets, maximum).
    """
    if rule not in RULES:
        raise ValueError(f"unknown evidence rule {rule!r}; use one of {RULES}")
    payload = {"name": str(name), "value": encode(value), "rule": rule,
               "params": {k: encode(v) for k, v in params.items()}}
    try:
        from IPython import get_ipython
        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import display
        display({MIME: payload}, raw=True)
    else:
        recorded.append(payload)

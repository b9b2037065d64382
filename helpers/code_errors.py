"""An error raised inside the student's own code, told in the course's words.

When a visible test (or a demo) calls a function the student wrote and that function raises, the
student should read what was expected, what happened in one line, where in their function, and the
likely mistake, not numpy's traceback. ``describe(error)`` builds those lines; ``likely(error)`` is
the small catalogue of what each kind of Python or numpy error usually means in this course.
Nothing here names the code of an answer: a hint says which shapes must agree, not the product.
"""
import ast
import linecache
import re

import numpy as np

from helpers import messages

# (exception names, pattern of its message, the likely mistake). First match wins.
_LIKELY = [
    (("ValueError",), r"matmul: Input operand|not aligned|shapes .* not aligned",
     "shapes do not line up for a matrix product: is a transpose missing, or are the two factors "
     "in the wrong order?"),
    (("ValueError",), r"could not be broadcast",
     "shapes do not line up for an element-wise operation: compare the two shapes (a transpose, "
     "a sum over the wrong axis, or a lost keepdims=True?)"),
    (("TypeError", "ValueError", "AttributeError"), r"NoneType",
     "a None where a value was expected: is a `return` missing?"),
    (("ValueError",), r"values to unpack",
     "a different number of values than expected: compare what the function returns (or a loop "
     "yields) with its docstring"),
    (("AttributeError",), r"^'list' object",
     "a Python list where a numpy array is needed: np.array(...) turns a list into an array"),
    (("TypeError",), r"'list'|can't multiply sequence|list indices",
     "a Python list where a numpy array is needed: np.array(...) turns a list into an array"),
    (("TypeError",), r"only (?:length|size)-1 arrays|only 0-dimensional",
     "a function for one number (math.exp, math.log, float) was given an array: use numpy's "
     "element-wise functions (np.exp, np.log) on arrays"),
    (("ValueError",), r"truth value of an array",
     "an `if` (or `and`, `or`, `max`) on an array: choose element by element with a mask, "
     "np.where or np.maximum"),
    (("TypeError",), r"positional argument|keyword argument|takes \d+",
     "a function called with other arguments than it takes: keep the signature the exercise gives"),
    (("TypeError",), r"not subscriptable",
     "a number (or None) indexed like an array: check what the previous step returns"),
    (("TypeError",), r"not callable",
     "something called like a function that is not one: does a variable reuse a function's name?"),
    (("IndexError",), r"too many indices",
     "an array indexed with more axes than it has: a 1-D (n,) array where a 2-D one, "
     "such as a column (n, 1), was meant?"),
    (("IndexError",), r"out of bounds|out of range",
     "an index past the end: check where a loop starts and stops (range(n) ends at n - 1)"),
    (("KeyError",), r"",
     "a key the dict does not have: use the key names the docstring gives"),
    (("UnboundLocalError",), r"",
     "a variable read before this function gives it a value (or given one in only one branch)"),
    (("NameError",), r"",
     "a name used before it is defined, or misspelt (Python tells capitals apart)"),
    (("ZeroDivisionError",), r"",
     "a division by zero: is a count, a norm or a difference zero here?"),
    (("OverflowError",), r"",
     "a number too large for a float: math.exp overflows where np.exp gives inf; a stable formula "
     "avoids both"),
    (("RecursionError",), r"",
     "a function that calls itself without end"),
]

_SIMPLE = (ast.Name, ast.Attribute, ast.Subscript)


def likely(error):
    """The likely mistake behind an error raised in the student's code, or None."""
    kinds, text = {c.__name__ for c in type(error).__mro__}, str(error)
    for names, pattern, mistake in _LIKELY:
        if kinds & set(names) and re.search(pattern, text):
            return mistake
    return None


def one_line(error, most=160):
    """``ValueError: matmul: Input operand 1 has a mismatch ...`` on one line, at most ``most`` characters."""
    text = " ".join(f"{type(error).__name__}: {error}".split())
    text = re.sub(r",? with gufunc signature \S+", "", text)   # numpy's matmul: noise for a student
    return text if len(text) <= most else text[:most - 4] + " ..."


def student_frames(error, names=None):
    """``(function name, line number, source line, frame)`` of each frame of the student's code the
    error went through, outermost first; empty when it arose elsewhere.

    The student's code is the notebook's functions from the first one in ``names`` down (a
    function they call, the student's own helper, counts too); without ``names``, from the first
    notebook function defined outside the running cell (a test cell's own functions are the
    course's). A cell's top level is never a function.
    """
    frames = [(frame, lineno) for frame, lineno in messages._cell_frames(error.__traceback__)]
    if not frames:
        return []
    cell_file = frames[0][0].f_code.co_filename
    found, inside = [], False
    for frame, lineno in frames:
        name = messages.code_name(frame.f_code)
        if name.startswith("<"):
            continue
        inside = inside or (name in names if names is not None else frame.f_code.co_filename != cell_file)
        if inside:
            found.append((name, lineno, linecache.getline(frame.f_code.co_filename, lineno).strip(), frame))
    return found


def value_text(value):
    """What a function returned, in a few words: ``(ndarray of shape (2,), list of 61 items)``."""
    if isinstance(value, tuple):
        return "(" + ", ".join(value_text(v) for v in value) + ")"
    if isinstance(value, np.ndarray):
        return f"ndarray of shape {value.shape}"
    if isinstance(value, (list, dict, set)):
        return f"{type(value).__name__} of {len(value)} item{'s' if len(value) != 1 else ''}"
    return type(value).__name__


def _value(node, frame):
    """The value of a plain operand (``dZ``, ``A_prev.T``, ``params["W1"]``) in ``frame``, or None.
    Nothing is called: only names, ``.T`` and constant keys are read."""
    if isinstance(node, ast.Name):
        scope = {**frame.f_globals, **frame.f_locals}
        return scope.get(node.id)
    if isinstance(node, ast.Attribute) and node.attr == "T":
        inner = _value(node.value, frame)
        return inner.T if isinstance(inner, np.ndarray) else None
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        inner = _value(node.value, frame)
        return inner.get(node.slice.value) if isinstance(inner, dict) else None
    return None


def _shape_text(value):
    return str(tuple(np.shape(value))) if isinstance(value, np.ndarray) else type(value).__name__


def _clash(op, left, right):
    """Whether two arrays cannot meet under ``op`` (a matrix product, or an element-wise operation)."""
    if isinstance(op, ast.MatMult):
        return left.ndim >= 1 and right.ndim >= 1 and left.shape[-1] != right.shape[-2 if right.ndim > 1 else 0]
    try:
        np.broadcast_shapes(left.shape, right.shape)
    except ValueError:
        return True
    return False


def operand_shapes(line, frame):
    """``(expected, got)`` for the first product or element-wise operation of ``line`` whose
    operands' shapes clash in ``frame``, e.g. ``("the inner sizes of `dZ @ A_prev` to agree:
    (a, k) @ (k, b)", "dZ (3, 4) @ A_prev (2, 4)")``; None when the line shows none."""
    tree = None
    for text in (line.strip(), line.strip() + " pass"):   # a statement, or the head of a block
        try:
            tree = ast.parse(text)
            break
        except SyntaxError:
            continue
    if tree is None:
        return None
    symbols = {ast.MatMult: "@", ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.BinOp) and type(node.op) in symbols):
            continue
        if not (isinstance(node.left, _SIMPLE) and isinstance(node.right, _SIMPLE)):
            continue
        left, right = _value(node.left, frame), _value(node.right, frame)
        if not (isinstance(left, np.ndarray) and isinstance(right, np.ndarray)) or not _clash(node.op, left, right):
            continue
        sign = symbols[type(node.op)]
        a, b = ast.unparse(node.left), ast.unparse(node.right)
        got = f"{a} {_shape_text(left)} {sign} {b} {_shape_text(right)}"
        if isinstance(node.op, ast.MatMult):
            return f"the inner sizes of `{a} @ {b}` to agree: (n, k) @ (k, p)", got
        return f"shapes that broadcast in `{a} {sign} {b}`: equal, or 1, axis by axis", got
    return None


def describe(error, called=(), names=None):
    """The lines of the course's message for ``error``, raised inside the student's code.

    ``called``: the student's functions the running cell called (used when the error came up in
    the cell itself, from what one of them returned). The first line says what stopped; then
    expected / got / error / likely mistake, as a failed check shows them.
    """
    frames = student_frames(error, names)
    if frames:
        name, lineno, line, frame = frames[-1]
        chain = "".join(f" (called from `{outer}`, line {n})" for outer, n, _, _ in reversed(frames[:-1]))
        head = f"`{name}` stopped with an error in line {lineno}{': ' + line if line else ''}{chain}"
        shapes = operand_shapes(line, frame)
        expected, got = shapes if shapes else (f"`{name}` to return its result", None)
    else:
        names = ", ".join(f"`{n}`" for n in called) or "your function"
        head = f"the test could not use what {names} returned"
        expected, got = "what the docstring says it returns", None
    lines = [head, f"  expected: {expected}"]
    if got:
        lines.append(f"  got:      {got}")
    lines.append(f"  error:    {one_line(error)}")
    mistake = likely(error)
    if mistake:
        lines.append(f"  Likely mistake: {mistake}")
    return lines

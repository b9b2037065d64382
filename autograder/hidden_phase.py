"""Tell apart what a test cell's visible part printed from what ran during its hidden tests.

A student's function that prints its arguments (a debug ``print``, a warning that quotes a
value) prints the hidden tests' inputs when they call it. The feedback must not show those, but
it may show what the visible part printed. So the grader's worker runs a test cell as two
requests to the same kernel: the part above ``### BEGIN HIDDEN TESTS``, then, only if that part
raised nothing, the rest (a ``#`` line in front for each line above, so tracebacks keep the
cell's line numbers; IPython would drop blank ones),
and puts ``marker()`` between their outputs. The boundary is drawn outside the kernel: nothing
the student's code prints can move it. The feedback keeps what comes before the first marker;
a test cell with hidden tests and no marker (graded by plain ``nbgrader autograde``, or a cell
that could not be split) shows none of its printed output.

    parts = split(cell.source)       # (visible, hidden) or None: run the cell as one request
    before, after = at_marker(cell.outputs)
"""
import ast

import nbformat

BEGIN = "### BEGIN HIDDEN TESTS"
MIME = "application/vnd.backprop-hidden-tests-began+json"


def _parses(source):
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def split(source):
    """``(visible part, hidden part)`` of a test cell's source, or None when it has no hidden
    tests or cannot be run in two requests that mean the same as one: the marker is indented
    (inside a block), a part is not plain Python (an IPython magic), or no statement comes before
    it. The hidden part starts with as many ``#`` lines as the visible part has; a visible part
    that ends in an expression gets a ``pass`` after it, so it shows no ``Out[...]`` that the whole
    cell would not show."""
    lines = source.splitlines()
    at = next((k for k, line in enumerate(lines) if line.strip().upper().startswith(BEGIN)), None)
    if at is None or lines[at] != lines[at].lstrip():
        return None
    visible, hidden = "\n".join(lines[:at]), "#\n" * at + "\n".join(lines[at:])
    tree = _parses(visible)
    if tree is None or not tree.body or _parses(hidden) is None:
        return None
    if isinstance(tree.body[-1], ast.Expr):
        visible += "\npass"
    return visible, hidden


# Hidden tests call built-ins (range, len, type, all, zip...) that the visible part may not, and a
# student's scratch cell may have rebound one to data (``range = np.linspace(-4, 4, 9)``): honest
# work whose values are right would then fail where the student cannot see it. So the hidden part
# runs with such names taken out of the namespace (the built-in shows through), and a request
# after it puts them back. Only values that cannot be called are taken: a student's own ``def
# max(...)`` that their answer uses stays, and the judge, outside the kernel, decides the points
# whatever a kernel-side name does.
# (Every built-in they use is reached through the module: ``list = [1, 2]`` is a scratch line too.)
SHIELD = ("import builtins as _b_hidden; _g_hidden = _b_hidden.globals(); _shadowed_hidden = "
          "{{_n: _g_hidden.pop(_n) for _n in _b_hidden.list(_g_hidden) if not _n.startswith('_') and "
          "_b_hidden.hasattr(_b_hidden, _n) and _g_hidden[_n] is not _b_hidden.getattr(_b_hidden, _n) and "
          "not _b_hidden.callable(_g_hidden[_n])}}; {keep}del _b_hidden, _g_hidden")


# The names a hidden part takes from the instructor's imports (``record``, ``np``, ``warnings``,
# ``check_unchanged``...) are never seen used by the student, who may rebind one in all honesty:
# ``from numpy import *`` brings numpy's own ``record``, a scratch cell says ``record = []``. So the
# hidden part first keeps the student's bindings of them (for ``RESTORE``) and runs the
# instructor's import statements again (``instructor_imports``).
KEEP = "_shadowed_hidden.update({{_n: _g_hidden[_n] for _n in {names!r} if _n in _g_hidden}}); "

# IPython lets the student's code rewrite every cell before it runs (``ast_transformers``,
# ``input_transformers_post``, the input transformer manager): a hidden part could be made to
# record its own reference values. A request of its own (a hidden part's first line comes too
# late: the whole cell is transformed first) sets them to IPython's defaults; ``RESTORE`` puts
# the student's back.
PREPARE = ("import IPython as _ipy_hidden, IPython.core.inputtransformer2 as _t2_hidden; "
           "_ip_hidden = _ipy_hidden.get_ipython(); _ip_hidden._transforms_hidden = "
           "([*_ip_hidden.ast_transformers], [*_ip_hidden.input_transformers_post], _ip_hidden.input_transformer_manager); "
           "_ip_hidden.ast_transformers = []; _ip_hidden.input_transformers_post = []; "
           "_ip_hidden.input_transformer_manager = _t2_hidden.TransformerManager(); del _ipy_hidden, _t2_hidden, _ip_hidden")
RESTORE = ("import builtins as _b_hidden, IPython as _ipy_hidden; "
           "_b_hidden.globals().update(_b_hidden.globals().pop('_shadowed_hidden', {})); "
           "_ip_hidden = _ipy_hidden.get_ipython(); _kept_hidden = _ip_hidden.__dict__.pop('_transforms_hidden', None); "
           "_kept_hidden is None or (_b_hidden.setattr(_ip_hidden, 'ast_transformers', _kept_hidden[0]), "
           "_b_hidden.setattr(_ip_hidden, 'input_transformers_post', _kept_hidden[1]), "
           "_b_hidden.setattr(_ip_hidden, 'input_transformer_manager', _kept_hidden[2])); "
           "del _b_hidden, _ipy_hidden, _ip_hidden, _kept_hidden")


def instructor_imports(sources, hidden):
    """``(names, statements)``: the import statements of ``sources`` (the instructor's cells that
    ran before, and the test cell's visible part) that bind a name ``hidden`` reads, each on one
    line, and the names they bind. Star imports are left out: their names cannot be told."""
    tree = _parses(hidden)
    if tree is None:
        return (), ""
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    names, statements = [], []
    for source in sources:
        # (a set-up cell may start with ``%matplotlib inline``: line magics are no imports)
        body = _parses("\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()))
        for node in (body.body if body is not None else ()):
            if not isinstance(node, (ast.Import, ast.ImportFrom)) or any(a.name == "*" for a in node.names):
                continue
            bound = [(a.asname or a.name).split(".")[0] for a in node.names]
            if set(bound) & read:
                names += [b for b in bound if b not in names]
                statements.append(ast.unparse(node))
    return tuple(names), "; ".join(statements)


def shielded(hidden, names=(), imports=""):
    """``hidden`` (as ``split`` gives it: one ``#`` line per visible line first) with ``SHIELD``
    (and, given ``instructor_imports``, the student's bindings of ``names`` kept and ``imports``
    run) on its first line, so tracebacks keep the cell's line numbers; run ``RESTORE`` after it."""
    assert hidden.startswith("#\n"), "split() puts a # line in front for each visible line"
    first = SHIELD.format(keep=KEEP.format(names=tuple(names)) if names else "")
    return first + (f"; {imports}" if imports else "") + hidden[1:]


def marker():
    """The output the worker puts between the two parts' outputs."""
    return nbformat.v4.new_output("display_data", data={MIME: {}}, metadata={})


def is_marker(output):
    return MIME in (output.get("data") or {})


def at_marker(outputs):
    """``(outputs before the first marker, outputs after it)``; ``(outputs, None)`` with no marker."""
    for k, out in enumerate(outputs):
        if is_marker(out):
            return list(outputs[:k]), list(outputs[k + 1:])
    return list(outputs), None

"""A static look at the student's own code for attempts to tamper with grading.

Only informative: the points are decided by the judge, whatever the code does. A hit is shown in
the summary so the instructor can look at the submission.
"""
import ast
import re
import symtable

from autograder.cells import nbgrader_meta

PATTERNS = {
    "replaces numpy's comparisons": r"\b(np|numpy)\s*\.\s*(allclose|isclose|array_equal|testing)\b[^\n=]*=(?!=)|numpy\.testing",
    # (``record=True`` as a keyword argument is no patch: only assignments at a line's start.)
    "patches the test helpers": r"\bhelpers\s*\.\s*(checks|evidence)\b[^\n=]*=(?!=)|^\s*(check_\w+|record)\s*=(?!=)"
                                r"|\bdef\s+(check_\w+|record)\s*\(|\bsetattr\s*\(\s*helpers\b",
    "touches builtins": r"\bbuiltins\b|__builtins__",
    "edits sys.modules": r"\bsys\s*\.\s*modules\b",
    "ends the process": r"\bos\s*\.\s*(_exit|kill|killpg|abort)\b|\bsignal\s*\.\s*signal\b",
    "starts processes": r"\b(subprocess|os\s*\.\s*(fork|system|popen|exec\w*|spawn\w*))\b",
    "reaches for grading files": r"gradebook|\bsource/|submitted/|autograded/|nbgrader_config",
    "uses the network": r"\b(socket|urllib|requests|http\.client)\b",
    "hooks the kernel": r"set_custom_exc|\bsys\s*\.\s*(excepthook|settrace|setprofile)\b|displayhook|vnd\.backprop-evidence"
                        r"|\bast_transformers\b|\binput_transformers?_\w+|\binput_transformer_manager\b|\btransform_cell\b"
                        r"|\brun_cell\b|\bevents\s*\.\s*register\b|\brun_ast_nodes\b",
    # (the hidden test that sigmoid gives no overflow warning counts them with ``catch_warnings``)
    "patches warnings": r"\.\s*(catch_warnings|showwarning|simplefilter|filterwarnings|warn|warn_explicit|formatwarning)\s*=(?!=)",
    "uses ctypes": r"\bctypes\b",
    "looks into its caller's frame or globals": r"\b_getframe\b|\binspect\s*\.\s*(currentframe|stack|getouterframes)\b"
                                                 r"|\bf_(back|globals|locals)\b|\bglobals\s*\(\s*\)",
    # (``In``, ``_i``, ``_ii``... read as values: ``history_reads``, from the code's symbol tables.)
    "reads the input history": r"history_manager|\blinecache\b|\buser_ns\b",
    # A hidden test's function (the f given to numerical_gradient) carries its constants in its code.
    "inspects the code of functions it is given": r"\bimport\s+dis\b|\bfrom\s+dis\s+import\b|\bdis\s*\.\s*\w+\s*\("
                                                   r"|\b__code__\b|\bco_consts\b|\b__closure__\b|\bcell_contents\b"
                                                   r"|\b__globals__\b|\bmarshal\b"
                                                   r"|\binspect\s*\.\s*(getsource\w*|getclosurevars)\b",
    # (found from the code's syntax tree: ``keeps_arguments``)
    "keeps the arguments its functions are called with": None,
}
# Either lets a later cell show a hidden test's inputs: the feedback hides what such cells print.
REVEALS_INPUTS = ("inspects the code of functions it is given", "keeps the arguments its functions are called with")
HISTORY = "reads the input history"
# IPython's input history in the user's namespace: In, _ih, _i, _ii, _iii, _i1, _i2...
_HISTORY_NAME = re.compile(r"^(In|_ih|_i{1,3}|_i\d+)$")
_COMPILED = {label: re.compile(rx, re.MULTILINE) for label, rx in PATTERNS.items() if rx}
_KEEPERS = {"append", "extend", "add", "insert", "appendleft", "update", "setdefault", "put", "write"}


def student_code(nb, given=()):
    """Code the student wrote or could change: every code cell that is not a locked one (nor a
    pasted copy of one), nor the text of a cell as given (``given``: the release's code cells;
    a demo cell run as released, ``explorer(namespace=globals())``, is the instructor's code)."""
    locked = {cell.source.strip() for cell in nb.cells
              if nbgrader_meta(cell).get("locked")} | {text.strip() for text in given}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.get("cell_type") == "code" and not meta.get("locked") and not meta.get("grade") \
                and cell.source.strip() not in locked:
            yield cell.source


def _python(source):
    """The cell as plain Python (IPython's magics and shell escapes turned into calls), or None."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - without IPython (or on odd input) the cell is read as it is
        return source


def _unbound_history_names(table, module_bound):
    """Names of IPython's history that code in ``table`` (a ``symtable`` scope, its children
    included) reads without having bound them: from the kernel's namespace, that is the history."""
    found = set()
    for symbol in table.get_symbols():
        name = symbol.get_name()
        if not _HISTORY_NAME.match(name) or not symbol.is_referenced():
            continue
        if table.get_type() == "module":
            bound = symbol.is_assigned() or symbol.is_imported()
        elif symbol.is_local() or symbol.is_free():
            continue  # a parameter, a loop variable, or one of an enclosing function
        else:
            bound = name in module_bound
        if not bound:
            found.add(name)
    for child in table.get_children():
        found |= _unbound_history_names(child, module_bound)
    return found


def history_reads(sources):
    """The history names (``In``, ``_i``, ``_ii``, ``_iii``, ``_iN``, ``_ih``) that the code of
    ``sources`` (cells, run in one namespace) reads as values without binding them itself:
    ``for _i in range(3): print(_i)`` reads nothing of the history, ``print(_i)`` does. A cell that
    is not Python even after IPython's transforms is searched for the names as words instead."""
    tables, loose = [], []
    for source in sources:
        try:
            tables.append(symtable.symtable(_python(source), "<cell>", "exec"))
        except (SyntaxError, ValueError):
            loose.append(source)
    module_bound = {s.get_name() for t in tables for s in t.get_symbols() if s.is_assigned() or s.is_imported()}
    found = set()
    for table in tables:
        found |= _unbound_history_names(table, module_bound)
    words = re.compile(r"\bIn\s*\[|\b_ih\b|\b_i{1,3}\b|\b_i\d+\b")
    found |= {m.group(0).rstrip("[ ") for source in loose for m in words.finditer(source)}
    return sorted(found - module_bound)


def _names(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _keeps_arguments(func):
    """Whether a function puts one of its parameters into a container it does not own (a global
    list or dict: ``seen.append((x, w))``, ``seen[k] = x``) or into a global (``global g; g = x``)."""
    # Nested functions are read with the one around them: its names are theirs (a closure's list).
    params = {a.arg for f in ast.walk(func) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
              for a in (*f.args.posonlyargs, *f.args.args, *f.args.kwonlyargs, f.args.vararg, f.args.kwarg) if a}
    declared = {name for n in ast.walk(func) if isinstance(n, ast.Global) for name in n.names}
    local = (params | {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}) - declared
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _KEEPERS:
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id not in local and \
                    any(_names(arg) & params for arg in (*node.args, *(k.value for k in node.keywords))):
                return True
        if isinstance(node, (ast.Assign, ast.AugAssign)) and _names(node.value) & params:
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                base = target.value if isinstance(target, (ast.Subscript, ast.Attribute)) else target
                if isinstance(base, ast.Name) and (base.id in declared or
                                                   (base is not target and base.id not in local)):
                    return True
    return False


def keeps_arguments(sources):
    """Whether a function defined in ``sources`` keeps the arguments it is called with where code
    after it can read them (a hidden test's inputs, printed in a later cell)."""
    for source in sources:
        try:
            tree = ast.parse(_python(source))
        except (SyntaxError, ValueError):
            continue
        if any(_keeps_arguments(f) for f in _outermost_functions(tree.body)):
            return True
    return False


def _outermost_functions(body):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from _outermost_functions(node.body)
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            yield from _outermost_functions([n for n in ast.iter_child_nodes(node) if isinstance(n, ast.stmt)])


def suspicious(nb, given=()):
    """Labels of the patterns found in the student's code (see ``student_code``), in a stable order."""
    sources = list(student_code(nb, given))
    text = "\n".join(sources)
    found = {label for label, rx in _COMPILED.items() if rx.search(text)}
    if history_reads(sources):
        found.add(HISTORY)
    if keeps_arguments(sources):
        found.add("keeps the arguments its functions are called with")
    return [label for label in PATTERNS if label in found]

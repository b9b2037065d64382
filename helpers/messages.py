"""What a student sees when a check fails, an exercise is not solved yet, or the checks pass.

In JupyterLab a failure normally shows a traceback through the course's own code, with the
message at the bottom. Here the message comes first and alone:

- a failed check (``CheckFailed``, raised by ``helpers.checks``) renders as its message, expected /
  got / hint, and the line of the notebook cell that ran it (IPython's ``_render_traceback_``);
- an exercise still raising ``NotImplementedError`` shows one line naming the function to write,
  ``not solved yet: write `fit_sine` above`` (an IPython handler for that exception, installed
  when ``helpers.checks`` is imported);
- an error raised inside the student's function while a test cell runs (a matmul whose shapes
  clash, a list where an array is needed) shows the course's message: the line that stopped, what
  was expected, the error in one line and the likely mistake (``helpers.code_errors``), not
  numpy's traceback; in a test cell, an error on what the function returned says so too;
- a cell whose checks all pass says so in one line (an IPython ``post_run_cell`` hook); one that
  failed marks the function it tests ``unusable`` for the demos;
- a cell that stops at a SyntaxError is remembered for the functions it defines, so that what
  needs them says where the syntax error is, not that they are undefined (``not_defined_line``);
- a demo cell that needs what an earlier cell could not make says why (``why_missing``): a
  function not written yet, one whose cell has not run, one that failed, or a cell to run.

Every failure stays an error of its own type, so nbgrader still gives a failing test cell zero.
"""
import ast
import dis
import os
import re
import sys

_HELPERS = os.path.dirname(os.path.abspath(__file__))
RED, GREEN, DIM, BOLD, RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[1m", "\x1b[0m"

# How many checks ran in the current cell (``helpers.checks`` counts them).
checks_run = 0


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _in_course_or_library(filename):
    """Frames of helpers/, of Python itself or of an installed package: not the student's."""
    if filename.startswith(_HELPERS + os.sep):
        return True
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    return os.path.isabs(filename) and any(filename.startswith(p + os.sep) for p in prefixes)


def _cell_frames(tb):
    """``(frame, line)`` of every traceback entry that runs notebook code, outermost first."""
    frames = []
    while tb is not None:
        if not _in_course_or_library(tb.tb_frame.f_code.co_filename):
            frames.append((tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    return frames


def where(tb):
    """``line 5 of this cell``: the deepest line of the running cell in the traceback, or "".

    The running cell is the outermost notebook frame; the line is where it called into the
    course's code (a check) or into the student's functions. No cell number (IPython's ``Cell
    In[4]``): a student does not know which cell that is.
    """
    frames = _cell_frames(tb)
    if not frames:
        return ""
    filename = frames[0][0].f_code.co_filename
    line = [lineno for frame, lineno in frames if frame.f_code.co_filename == filename][-1]
    return f"line {line} of this cell"


def code_name(code):
    name = getattr(code, "co_qualname", code.co_name)
    return name.split("<locals>.")[-1]  # a function defined inside another: its own name


def failing_code(error):
    """The code object of the notebook function an error came from, or None (a cell's own line)."""
    frames = _cell_frames(error.__traceback__)
    code = frames[-1][0].f_code if frames else None
    return None if code is None or code_name(code).startswith("<") else code


def unsolved_function(error):
    """The name of the function still raising ``NotImplementedError`` (``Value.backward`` for a
    method), or None when the ``raise`` sits at the top level of a cell."""
    code = failing_code(error)
    return None if code is None else code_name(code)


# What the notebook's functions did when they last ran, by code object (a function written again
# is a new code object, so nothing stale is kept): "NotImplementedError" or another error's name.
last_failure = {}


def note_failure(error):
    """Remember which of the notebook's functions ``error`` came from (see ``why_missing``)."""
    code = failing_code(error)
    if code is not None:
        last_failure[code] = type(error).__name__


def _only_raises_not_implemented(code):
    """The release's stub: a body that does nothing but ``raise NotImplementedError()``."""
    skip = {"RESUME", "NOP", "CACHE", "PRECALL", "PUSH_NULL", "COPY_FREE_VARS", "MAKE_CELL", "EXTENDED_ARG"}
    ops = [op for op in dis.get_instructions(code) if op.opname not in skip]
    loads = [op.argval for op in ops if op.opname in ("LOAD_GLOBAL", "LOAD_NAME")]
    return loads == ["NotImplementedError"] and ops[-1].opname == "RAISE_VARARGS" and len(ops) <= 3


def state_of(name, namespace):
    """How a function the notebook needs stands: "undefined", "unwritten" (its cell still holds the
    stub, or it raised ``NotImplementedError`` when last run), "failed: ValueError" (it raised that
    when last run), or "written"."""
    function = namespace.get(name.split(".")[0])
    for part in name.split(".")[1:]:
        function = getattr(function, part, None)
    code = getattr(function, "__code__", None)
    if function is None:
        return "undefined"
    if code is None:
        return "written"
    if last_failure.get(code) == "NotImplementedError" or _only_raises_not_implemented(code):
        return "unwritten"
    return f"failed: {last_failure[code]}" if code in last_failure else "written"


def _listing(names):
    return ", ".join(f"`{n}`" for n in names)


# The functions whose cell last stopped at a SyntaxError, by name: ``{name: "a SyntaxError at line
# 4 (invalid syntax)"}``. Such a cell defines nothing, so what needs the function finds no name.
syntax_errors = {}

# The functions the student writes: those defined in an exercise's cell, which the release marks
# with "# YOUR CODE HERE" (the source notebooks with "### BEGIN SOLUTION"). A pass line names these
# only, not the given functions a test also calls (network_loss beside fixed_backprop).
exercise_functions = set()
_EXERCISE_MARKS = ("# YOUR CODE HERE", "### BEGIN SOLUTION")


def _defined_at_top(source):
    """Names a cell defines with ``def`` or ``class`` at its top level; read line by line, since
    the cell may not parse."""
    return re.findall(r"^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)", source, flags=re.MULTILINE)


def _note_syntax(source, error):
    """Remember (``error``: a SyntaxError) or forget (None) a cell's syntax error for what it defines."""
    for name in _defined_at_top(source):
        if error is None:
            syntax_errors.pop(name, None)
        else:
            text = f" ({error.msg})" if getattr(error, "msg", None) else ""
            kind = type(error).__name__
            article = "an" if kind[0] in "AEIOU" else "a"
            syntax_errors[name] = f"{article} {kind} at line {error.lineno}{text}" if error.lineno \
                else f"{article} {kind}{text}"


def not_defined_line(name):
    """The one line for a cell that needs ``name``, a function that is not defined: its cell has a
    syntax error (which, where), or has not run yet."""
    if name in syntax_errors:
        return (f"the cell that defines `{name}` has {syntax_errors[name]}: fix that line and run that cell, "
                "then this one")
    return f"`{name}` is not defined: run the cell above that defines it, then this one"


def why_missing(missing, functions, namespace):
    """The one line for a demo cell that needs ``missing`` (a NameError), given the functions it
    uses: which of them is not defined, not written yet or failing, or else which cell to run."""
    broken = [name for name in (missing, *functions) if name in syntax_errors]
    if broken:
        return not_defined_line(broken[0])
    if missing in functions:
        return not_defined_line(missing)
    states = {name: state_of(name, namespace) for name in functions}
    unwritten = [name for name, state in states.items() if state == "unwritten"]
    if unwritten:
        return (f"not solved yet: write {_listing(unwritten)} above, then run the cells from there down to "
                f"this one (this one needs `{missing}`, which they make)")
    undefined = [name for name, state in states.items() if state == "undefined"]
    if undefined:
        return (f"{_listing(undefined)} not defined: run the cells above this one first "
                f"(this one needs `{missing}`, which they make)")
    failed = [(name, state.split(": ")[1]) for name, state in states.items() if state.startswith("failed")]
    if failed:
        name, error = failed[0]
        return (f"`{name}` stopped with a {error} when it last ran: fix it, then run the cells from there "
                f"down to this one (this one needs `{missing}`, which they make)")
    return f"`{missing}` is not defined yet: run the cell above that makes it, then this one"


def not_solved_line(error, fallback=(), again=False):
    """``not solved yet: write `fit_sine` above`` for an exercise that still raises."""
    name = unsolved_function(error)
    names = [name] if name else list(fallback)
    what = ", ".join(f"`{n}`" for n in names) if names else "the exercise"
    line = f"not solved yet: write {what} above"
    return line + (", then run this cell again" if again else "")


class CheckFailed(AssertionError):
    """A visible check that did not pass. In IPython it shows its message alone, with the line of
    the notebook cell that ran the check, instead of a traceback through ``helpers``.
    """

    def _render_traceback_(self):
        return _render(str(self).splitlines() or [""], self.__traceback__)


# The student's functions whose visible test last failed, for any reason but not being written yet,
# by code object: ``{code: "path should be a numpy array of shape (4, 2), got a list"}``. A demo
# cell (``helpers.checks.once_solved``) does not run them but says this line: a function that
# fails its test would draw a wrong picture (a descent that changes its start in place draws
# every run from where the last one ended).
unusable = {}
# The source of the cell running now (IPython's ``pre_run_cell``), to tell a test cell's own code
# from the student's: only its visible part, never what follows ``### BEGIN HIDDEN TESTS`` (student
# code could read this module while a hidden test calls it).
running_cell = ""


def _tested_function(source, namespace):
    """The student's function a test cell tests, or None: of the notebook's functions its visible
    part calls, the one defined last. A test cell follows its exercise, so the functions it uses
    besides (``forward`` in a test of ``backward``, a loss the notebook gives) were defined before."""
    names = in_defined_order(_called_functions(source, namespace), namespace)
    function = namespace[names[-1]] if names else None
    return function if hasattr(function, "__code__") else None


def _render(lines, tb):
    """A message as IPython shows it: the first line in bold red, then the rest, then the cell's line."""
    place = where(tb)
    return ([f"{RED}{BOLD}{lines[0]}{RESET}"] + lines[1:] + ([f"{DIM}({place}){RESET}"] if place else []))


def _is_test_cell(source):
    return "check_" in source


def _show_error(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for errors at run time: the course's message for an error raised in the
    student's code (or, in a test cell, on what the student's function returned); IPython's own
    traceback for anything else. Either way the cell fails, so nbgrader gives a test cell zero."""
    if issubclass(etype, NotImplementedError):
        return _show_not_solved(shell, etype, value, tb, tb_offset)
    if issubclass(etype, SyntaxError):
        shell._showtraceback(etype, value, _render(syntax_error_lines(value), None))
        return None
    from helpers import code_errors
    note_failure(value)
    test_cell = _is_test_cell(running_cell)
    called = _called_functions(running_cell, shell.user_ns) if test_cell else []
    frames = code_errors.student_frames(value)
    if test_cell and not frames and issubclass(etype, NameError) and getattr(value, "name", None):
        shell._showtraceback(etype, value, _render([not_defined_line(value.name)], tb))
    elif frames or called:
        shell._showtraceback(etype, value, _render(code_errors.describe(value, called), tb))
    else:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
    return None


def syntax_error_lines(error):
    """A SyntaxError as the course shows it: what and where in this cell (no IPython cell number),
    then the line with a caret under the place Python points at."""
    where = f" at line {error.lineno} of this cell" if error.lineno else ""
    lines = [f"{type(error).__name__}{where}: {error.msg}"]
    text = (error.text or "").rstrip("\n")
    if text.strip():
        indent = len(text) - len(text.lstrip())
        lines.append("    " + text.strip())
        if error.offset and error.offset > indent:
            lines.append("    " + " " * (error.offset - 1 - indent) + "^")
    return lines


def _show_not_solved(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for ``NotImplementedError``: one line instead of a traceback."""
    note_failure(value)
    place = where(tb)
    stb = [f"{RED}{not_solved_line(value)}{RESET}" + (f"  {DIM}({place}){RESET}" if place else "")]
    shell._showtraceback(etype, value, stb)  # an error output: the cell still fails and scores zero
    return None


def _called_functions(source, namespace):
    """The student's functions that a test cell calls: defined in the notebook, not in this cell.

    Only the part above ``### BEGIN HIDDEN TESTS`` is read, so the line is the same in the
    student's notebook and in a graded one, and says nothing about the hidden tests.
    """
    try:
        tree = ast.parse(source.split("### BEGIN HIDDEN TESTS")[0])
    except SyntaxError:
        return []
    defined_here = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    defined_here |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    names = []
    calls = sorted((node for node in ast.walk(tree) if isinstance(node, ast.Call)),
                   key=lambda node: (node.lineno, node.col_offset))
    for node in calls:
        if isinstance(node.func, ast.Name):
            name, obj = node.func.id, namespace.get(node.func.id)
            if (name not in names and name not in defined_here and not name.startswith("_") and callable(obj)
                    and getattr(obj, "__module__", None) == "__main__"):
                names.append(name)
    return names


def in_defined_order(names, namespace):
    """``names`` in the order the notebook first defined them (the namespace's own order), so a
    line that lists them reads the same whichever way the test cell calls them."""
    order = {name: k for k, name in enumerate(namespace)}
    return sorted(names, key=lambda name: order.get(name, len(order)))


def _before_cell(info=None):
    global checks_run, running_cell
    checks_run = 0
    running_cell = visible_part(getattr(info, "raw_cell", "") or "")


def visible_part(source):
    """The lines of a cell above its ``### BEGIN HIDDEN TESTS`` line (all of them when it has none)."""
    lines = source.splitlines(keepends=True)
    at = next((k for k, line in enumerate(lines) if line.strip().upper().startswith("### BEGIN HIDDEN TESTS")), len(lines))
    return "".join(lines[:at])


def _note_tested(source, namespace, error):
    """After a test cell: the function it tests is usable by the demos when the cell passed, and
    not when it failed for any reason other than not being written yet (see ``unusable``). An
    error raised inside one of the student's functions counts against that function."""
    if isinstance(error, NotImplementedError):
        return
    function = _tested_function(source, namespace)
    code = failing_code(error) if error is not None and not isinstance(error, CheckFailed) else None
    code = code if code is not None and code.co_filename != _cell_file(error) else None
    targets = {c for c in (getattr(function, "__code__", None), code) if c is not None}
    if error is None:
        for target in targets:
            unusable.pop(target, None)
        return
    if isinstance(error, CheckFailed):
        why = str(error).splitlines()[0].rstrip(".")
    else:
        from helpers import code_errors
        why = f"it stopped with {code_errors.one_line(error)}"
    for target in targets:
        unusable[target] = why


def _cell_file(error):
    """The file name IPython gave the running cell, from an error's traceback, or None."""
    frames = _cell_frames(getattr(error, "__traceback__", None))
    return frames[0][0].f_code.co_filename if frames else None


def _after_cell(result):
    """One line under a cell whose checks all passed: which of the student's functions they ran.
    A cell that failed: note which function the error came from (``why_missing`` uses it)."""
    error = result.error_in_exec
    if error is not None:
        note_failure(error)
    if isinstance(result.error_before_exec, SyntaxError):
        _note_syntax(result.info.raw_cell or "", result.error_before_exec)
    elif result.error_before_exec is None:
        _note_syntax(result.info.raw_cell or "", None)
    if any(mark in (result.info.raw_cell or "") for mark in _EXERCISE_MARKS):
        exercise_functions.update(_defined_at_top(result.info.raw_cell))
    shell = _shell()
    if shell is not None and _is_test_cell(result.info.raw_cell or ""):
        _note_tested(result.info.raw_cell, shell.user_ns, error)
    if shell is not None and _is_test_cell(result.info.raw_cell or ""):
        for name in _called_functions(result.info.raw_cell, shell.user_ns):
            if name in syntax_errors:
                print(f"{RED}note:{RESET} the cell that defines `{name}` has {syntax_errors[name]}, so this test ran "
                      f"the `{name}` from before: fix that line and run that cell, then this one")
    if checks_run and result.success:
        names = in_defined_order(_called_functions(result.info.raw_cell, shell.user_ns), shell.user_ns) \
            if shell is not None else []
        names = [n for n in names if n in exercise_functions] or names
        whose = (" for " + ", ".join(f"`{n}`" for n in names)) if names else ""
        print(f"{GREEN}✓{RESET} the visible tests pass{whose} (hidden tests decide the points when graded)")


# The errors ``_show_error`` sees (NotImplementedError is a RuntimeError; a cell that does not parse
# raises SyntaxError before it runs); others, such as a student's own ``assert`` or a failed check,
# keep IPython's display.
HANDLED = (ArithmeticError, AttributeError, LookupError, NameError, TypeError, ValueError, RuntimeError, SyntaxError)


def install():
    """Register the handler and the hooks in the running IPython (once); nothing outside IPython."""
    shell = _shell()
    if shell is None or getattr(shell, "_backprop_messages", False):
        return
    shell.set_custom_exc(HANDLED, _show_error)
    shell.events.register("pre_run_cell", _before_cell)
    shell.events.register("post_run_cell", _after_cell)
    shell._backprop_messages = True

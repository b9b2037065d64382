"""Run the course's notebooks and say, exercise by exercise, which pass and what to do next.

``python -m helpers.check_notebooks [NOTEBOOK ...]`` (``make check``) in the folder that holds the
numbered notebook folders; a NOTEBOOK is a path or a number such as ``03``. Each notebook runs top
to bottom in a fresh kernel, as Run All would (nothing is saved). Every visible test is listed
under the function it tests, with the whole message of a failed check (expected / got / hint),
then one summary line per notebook: ``7 of 11 exercises pass; next: ...``.

Unsolved or failing exercises are the normal state of a notebook being worked on, not an error:
the exit status is 0 then. It is 1 when a notebook does not run to the end (a cell that is neither
an exercise nor a test raised, so Run All stops there) and 2 when a notebook cannot be run at all.
"""
import ast
import pathlib
import re
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Where a message points in JupyterLab ("Cell In[12], line 4"): meaningless outside the notebook.
_PLACE = re.compile(r"\s*\((?:Cell In\s*\[\d*\],\s*)?line \d+\)\s*$")
INDENT = " " * 6


def find_notebooks(root, wanted=()):
    """The notebooks under ``root``'s numbered folders, all or those named in ``wanted``."""
    found = sorted(p for p in root.glob("[0-9][0-9]-*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not wanted:
        return found
    picked = [p for p in found if any(p.parent.name.startswith(w) or str(p).endswith(w) for w in wanted)]
    return picked or [pathlib.Path(w) for w in wanted]


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_visible_test(cell):
    meta = _nbgrader(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_exercise(cell):
    meta = _nbgrader(cell)
    return cell.cell_type == "code" and bool(meta.get("solution"))


def defined_names(source):
    """Functions and classes defined at the top level of a cell (magics skipped)."""
    try:
        tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
    except SyntaxError:
        return []
    return [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]


def called_names(source):
    """Names a cell calls (``f(...)``) or whose attribute it calls (``Value(...).backward()``)."""
    try:
        tree = ast.parse(source.split("### BEGIN HIDDEN TESTS")[0])
    except SyntaxError:
        return set()
    return {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


class Exercise:
    """One exercise of a notebook: its solution cell, the functions it defines, its test cells."""

    def __init__(self, cell, section):
        self.cell, self.section = cell, section
        self.functions = defined_names(cell.source) or [_nbgrader(cell).get("grade_id", "the exercise")]
        self.tests = []          # [(label, passed, lines)], filled by ``check``

    @property
    def passed(self):
        return all(passed for _, passed, _ in self.tests)

    def label_of(self, test_cell):
        """The functions of this exercise that a test cell calls (all of them when it calls none)."""
        called = called_names(test_cell.source)
        return ", ".join(f for f in self.functions if f in called) or ", ".join(self.functions)


def _heading(cell):
    """The text of a level-1 or level-2 markdown heading that starts a cell, or None."""
    if cell.cell_type != "markdown":
        return None
    first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
    match = re.match(r"#{1,2}\s+(.*)", first)
    return match.group(1).strip() if match else None


def message_lines(output):
    """The lines a student should read of an error output: the whole message, without the place."""
    if output.ename == "CheckFailed":          # expected / got / hint (and a likely mistake)
        return output.evalue.splitlines()
    lines = [_ANSI.sub("", line).strip() for line in output.get("traceback", [])]
    if len(lines) == 1 and lines[0].startswith("not solved yet"):
        return [_PLACE.sub("", lines[0])]
    return f"{output.ename}: {output.evalue}".splitlines()


def verdict(cell):
    """``(passed, lines)``: how a test cell ended, the message first."""
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            return False, message_lines(output)
    return True, ["the visible tests pass"]


def first_error(cell):
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            return output
    return None


def run(path):
    """Execute the notebook at ``path`` in a fresh kernel; returns the executed notebook.

    The kernel's own log (for instance its warning about unencrypted local connections) is kept
    out of the student's output; it is shown only when the kernel itself fails.
    """
    nb = nbformat.read(str(path), as_version=4)
    with tempfile.TemporaryFile(mode="w+") as kernel_log:
        try:
            NotebookClient(nb, timeout=600, allow_errors=True,
                           resources={"metadata": {"path": str(path.parent)}}).execute(stderr=kernel_log)
        except Exception:
            kernel_log.seek(0)
            sys.stderr.write(kernel_log.read())
            raise
    return nb


def check(nb):
    """``(exercises, stopped)`` of an executed notebook: each exercise with its test verdicts, and
    the lines saying where Run All stops (empty when it reaches the end)."""
    exercises, section, current, stopped = [], None, None, []
    for cell in nb.cells:
        section = _heading(cell) or section
        if is_exercise(cell):
            current = Exercise(cell, section)
            exercises.append(current)
        elif is_visible_test(cell) and current is not None:
            current.tests.append((current.label_of(cell), *verdict(cell)))
        elif cell.cell_type == "code" and not stopped and first_error(cell) is not None:
            error = first_error(cell)
            where = f" (section {section})" if section else ""
            stopped = [f"Run All stops at a cell{where}, with this error:", *message_lines(error)]
    return [e for e in exercises if e.tests], stopped


def summary(exercises):
    """``7 of 11 exercises pass; next: `fit_sine` (section 5 · ...)``."""
    done = sum(e.passed for e in exercises)
    line = f"{done} of {len(exercises)} exercises pass"
    todo = [e for e in exercises if not e.passed]
    if not todo:
        return line + ": all done"
    nxt = todo[0]
    where = f" (section {nxt.section})" if nxt.section else ""
    return line + f"; next: {', '.join(f'`{f}`' for f in nxt.functions)}{where}"


def report(exercises, stopped):
    """The lines printed for one notebook."""
    lines = []
    for exercise in exercises:
        for label, passed, message in exercise.tests:
            unsolved = message[0].startswith("not solved yet")
            first = "not solved yet" if message[0] == f"not solved yet: write `{label}` above" else message[0]
            lines.append(f"  {'✓' if passed else '·' if unsolved else '✗'} {label}: {first}")
            lines += [INDENT + line for line in message[1:]]
    if stopped:
        lines.append(f"  ! {stopped[0]}")
        lines += [INDENT + line for line in stopped[1:]]
    lines.append(f"  {summary(exercises)}")
    return lines


def main(argv):
    notebooks = find_notebooks(pathlib.Path.cwd(), argv)
    if not notebooks:
        print("no notebooks found: run this in the folder that holds 01-gradient-descent/ and the others")
        return 2
    status, passed, total = 0, 0, 0
    for path in notebooks:
        print(f"{path.parent.name}/{path.name}")
        try:
            nb = run(path)
        except Exception as error:  # noqa: BLE001 - any failure to run is reported, not a traceback
            print(f"  could not run this notebook: {type(error).__name__}: {error}\n")
            status = 2
            continue
        exercises, stopped = check(nb)
        print("\n".join(report(exercises, stopped)) + "\n")
        passed += sum(e.passed for e in exercises)
        total += len(exercises)
        if stopped:
            status = max(status, 1)
    if len(notebooks) > 1:
        print(f"in all: {passed} of {total} exercises pass")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

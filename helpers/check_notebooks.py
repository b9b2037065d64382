"""Run the course's notebooks and say, exercise by exercise, which pass and what to do next.

``python -m helpers.check_notebooks [NOTEBOOK ...]`` (``make check``) in the folder that holds the
numbered notebook folders; a NOTEBOOK is a path or a number such as ``03``. Each notebook runs top
to bottom in a fresh kernel, as Run All would (nothing is saved). Every visible test is listed
under the function it tests, with the whole message of a failed check (expected / got / hint),
then one summary line per notebook: ``7 of 11 exercises pass; next: ...``. One line per exercise
(an exercise with several test cells lists them under it), so the count and the lines agree.

Unsolved or failing exercises, and a notebook whose Run All stops at a cell, are what the check is
there to report: they are results, said in words, and the exit status is 0. It is 2 only when a
notebook cannot be run at all (no kernel, not a notebook).
"""
import ast
import pathlib
import re
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Where a message points in JupyterLab ("line 4 of this cell", or IPython's "Cell In[12], line 4"):
# meaningless outside the notebook.
_PLACE = re.compile(r"\s*\((?:Cell In\s*\[\d*\],\s*)?line \d+(?: of this cell)?\)\s*$")
# IPython's own traceback starts with a rule or a "Traceback"/"Cell In" header; the course's
# messages (a failed check, an error in the student's code, not solved yet) start with their news.
_IPYTHON_TRACEBACK = re.compile(r"^(?:-{10,}|Traceback|Cell In|File )")
# A section heading's number: "1. Title", "3 · Title", "Part 1 — Title".
_NUMBERED = re.compile(r"^(?:Part\s+)?(\d+)\s*(?:[.·:—–-]\s*)?(.*)$")
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


def _constants(tree):
    """``{name: value}`` of the plain ``name = <literal>`` assignments of a cell."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return found


def keyword_arguments(source, function):
    """``{keyword: its text}`` of the keyword arguments the visible part of a cell passes to
    ``function`` (a name assigned a literal in the cell reads as that literal): what tells two test
    cells of one function apart (``{"reg_lambda": "0.5"}``)."""
    try:
        tree = ast.parse(source.split("### BEGIN HIDDEN TESTS")[0])
    except SyntaxError:
        return {}
    constants, found = _constants(tree), {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function:
            for keyword in node.keywords:
                if keyword.arg is None:
                    continue
                value = keyword.value
                text = repr(constants[value.id]) if isinstance(value, ast.Name) and value.id in constants \
                    else ast.unparse(value)
                found.setdefault(keyword.arg, text)
    return found


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
        self.test_cells = []

    @property
    def name(self):
        return ", ".join(self.functions)

    @property
    def passed(self):
        return all(passed for _, passed, _ in self.tests)

    @property
    def unsolved(self):
        """Every test cell says "not solved yet" (nothing written to test yet)."""
        return all(not passed and lines[0].startswith("not solved yet") for _, passed, lines in self.tests)

    def label_of(self, test_cell):
        """The functions of this exercise that a test cell calls (all of them when it calls none)."""
        called = called_names(test_cell.source)
        return ", ".join(f for f in self.functions if f in called) or ", ".join(self.functions)

    def labels(self, test_cells):
        """One label per test cell, never the same twice: where two cells test the same functions,
        the keyword arguments that differ between them tell them apart (``backward`` and
        ``backward with reg_lambda=0.5``), else their order (``backward, visible test 2``)."""
        labels = [self.label_of(cell) for cell in test_cells]
        for label in set(labels):
            same = [k for k, other in enumerate(labels) if other == label]
            if len(same) < 2:
                continue
            function = label.split(", ")[-1]
            keywords = [keyword_arguments(test_cells[k].source, function) for k in same]
            common = set.intersection(*(set(kw.items()) for kw in keywords))
            texts = [", ".join(f"{key}={value}" for key, value in kw.items() if (key, value) not in common)
                     for kw in keywords]
            distinct = len(set(texts)) == len(texts)
            for n, (k, text) in enumerate(zip(same, texts), start=1):
                labels[k] = (f"{label} with {text}" if text else label) if distinct else f"{label}, visible test {n}"
        return labels


def _heading(cell):
    """The text of a level-1 or level-2 markdown heading that starts a cell, or None."""
    if cell.cell_type != "markdown":
        return None
    first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
    match = re.match(r"#{1,2}\s+(.*)", first)
    return match.group(1).strip() if match else None


def section_text(section):
    """A heading as a sentence reads it: ``section 1, “Walking downhill”``, or ``“Summary”``."""
    match = _NUMBERED.match(section)
    if match and match.group(2):
        return f"section {match.group(1)}, “{match.group(2).strip()}”"
    return f"section {match.group(1)}" if match else f"“{section}”"


def message_lines(output):
    """The lines a student should read of an error output: the whole message, without the place
    in JupyterLab (``(Cell In[35], line 5)``) on any line."""
    if output.ename == "CheckFailed":          # expected / got / hint (and a likely mistake)
        lines = output.evalue.splitlines()
    else:
        rendered = "\n".join(_ANSI.sub("", line) for line in output.get("traceback", [])).splitlines()
        course = rendered and not _IPYTHON_TRACEBACK.match(rendered[0].strip())
        lines = rendered if course else f"{output.ename}: {output.evalue}".splitlines()
    lines = [_in_a_terminal(_PLACE.sub("", line.rstrip())) for line in lines]
    return [line for line in lines if line.strip()] or [output.ename]


def _in_a_terminal(line):
    """A line written for the notebook, as read in make check's output: there is no "this one"
    (the cell the student just ran) in a terminal, so the way on is to run make check again."""
    return line.replace("fix that line and run that cell, then this one", "fix that line, then run make check again")


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
            current.test_cells.append(cell)
        elif cell.cell_type == "code" and not stopped and first_error(cell) is not None:
            error = first_error(cell)
            where = f" in {section_text(section)}" if section else ""
            stopped = [f"Run All stops at a cell{where}, with this error (the cells below it did not run):",
                       *message_lines(error)]
    for exercise in exercises:
        exercise.tests = [(label, passed, lines) for label, (_, passed, lines)
                          in zip(exercise.labels(exercise.test_cells), exercise.tests)]
    return [e for e in exercises if e.tests], stopped


def next_exercise(exercises):
    """The first exercise, in the notebook's order, that does not pass (failing or unsolved)."""
    return next((e for e in exercises if not e.passed), None)


def summary(exercises):
    """``7 of 11 exercises pass; next: `fit_sine` in section 10, “Regression”``."""
    done = sum(e.passed for e in exercises)
    line = f"{done} of {len(exercises)} exercises pass"
    nxt = next_exercise(exercises)
    if nxt is None:
        return line + ": all done"
    where = f" in {section_text(nxt.section)}" if nxt.section else ""
    return line + f"; next: {', '.join(f'`{f}`' for f in nxt.functions)}{where}"


def _test_line(exercise, label, passed, message, indent):
    """A test verdict: mark, label, first line of the message; the rest of the message below it."""
    unsolved = not passed and message[0].startswith("not solved yet")
    mine = any(message[0] == f"not solved yet: write `{f}` above" for f in exercise.functions + [label])
    first = "not solved yet" if mine else message[0]
    lines = [f"{indent}{'✓' if passed else '·' if unsolved else '✗'} {label}: {first}"]
    return lines + [indent + "    " + line for line in message[1:]]


def report(exercises, stopped):
    """The lines printed for one notebook: one line per exercise, its test cells under it when it
    has several and not all of them say the same."""
    lines = []
    for exercise in exercises:
        tests = exercise.tests
        if len(tests) == 1 or exercise.passed or exercise.unsolved:
            message = next((m for _, passed, m in tests if not passed), ["the visible tests pass"])
            lines += _test_line(exercise, exercise.name, exercise.passed, message, "  ")
            continue
        count = sum(passed for _, passed, _ in tests)
        lines.append(f"  ✗ {exercise.name}: {count} of {len(tests)} visible tests pass")
        for label, passed, message in tests:
            lines += _test_line(exercise, label, passed, message, "      ")
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
    status, passed, total, stops, first = 0, 0, 0, 0, None
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
        first = first or (next_exercise(exercises) and path)
        stops += bool(stopped)
    if len(notebooks) > 1:
        print(f"in all: {passed} of {total} exercises pass" + (f"; start with {first.parent.name}" if first else ""))
    if stops:
        print(f"Run All stops early in {stops} notebook{'s' if stops > 1 else ''} (the lines with ! above): "
              "fix that cell first, so the cells below it run.")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

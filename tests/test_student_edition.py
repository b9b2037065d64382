"""The student edition holds what a student needs and no answer, and no helper solves an exercise.

``make student-edition`` writes ``dist/student/``; here it is built into a temporary folder and
searched for every line of the instructor's solutions and hidden tests. Then, by behaviour rather
than by name, each public function of ``helpers`` and each function of a release notebook's given
code is put in place of each exercise's functions in the solved notebook, and the exercise's test
cells (hidden tests included) are run: none may pass.
"""
import ast
import functools
import importlib
import importlib.util
import inspect
import json
import os
import pathlib
import pkgutil
import re
import signal
import subprocess
import types
import warnings

import pytest

import helpers
from autograder.judge import judge_cell
from autograder.run_all import TAG, may_raise
from course import BY_ID, ROOT, built_assignments, grading_cells_of, nbgrader_meta, read, release_path, source_path
from inprocess import SolvedNotebook

# student/build.py, loaded by path: "build" is also the name of a PyPI package.
_spec = importlib.util.spec_from_file_location("student_build", ROOT / "student" / "build.py")
student_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_build)

FIRST_NOTEBOOK = "01-gradient-descent/gradient_descent.ipynb"


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return student_build.build(tmp_path_factory.mktemp("edition") / "student")


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_it_holds_the_notebooks_helpers_and_student_files_only(edition):
    expected_top = {"README.md", "Makefile", "requirements.txt", "pyproject.toml", "jupyter", "helpers",
                    *(path.parent.name for path in map(release_path, built_assignments()))}
    assert {p.name for p in edition.iterdir()} == expected_top
    for assignment in built_assignments():
        notebook = release_path(assignment)
        assert (edition / assignment / notebook.name).read_bytes() == notebook.read_bytes()
    # The modules, the generated mistakes.json (wrong values at visible checks only) and the
    # shipped Ising lattices (data, no code).
    helper_files = {p.name for p in (ROOT / "helpers").iterdir() if p.is_file() and p.suffix in (".py", ".json")}
    helper_files.add("ising_samples")
    assert {p.suffix for p in (edition / "helpers" / "ising_samples").rglob("*") if p.is_file()} == {".npz"}
    assert {p.name for p in (edition / "helpers").iterdir()} == helper_files
    for path in _files(edition):
        assert not path.startswith(("source/", "tests/", "autograder/", "course/")), path
        assert "nbgrader_config" not in path and "wrong" not in path.split("/"), path


def test_requirements_leave_out_the_instructors_tools(edition):
    text = (edition / "requirements.txt").read_text().lower()
    assert "nbgrader" not in text and "autograder" not in text
    for needed in ("numpy", "matplotlib", "scikit-learn", "jupyterlab", "ipywidgets", "-e ."):
        assert needed in text, needed
    for path in (edition / "helpers").glob("*.py"):
        source = path.read_text()
        assert "import autograder" not in source and "from autograder" not in source, path.name
        assert "import nbgrader" not in source and "from nbgrader" not in source, path.name


def test_the_student_makefile_opens_the_first_notebook_with_the_course_settings(edition):
    dry = subprocess.run(["make", "-n", "lab"], cwd=edition, capture_output=True, text=True, check=True).stdout
    assert FIRST_NOTEBOOK in dry and (edition / FIRST_NOTEBOOK).exists()
    assert f"JUPYTER_CONFIG_PATH={edition}/jupyter" in dry and "app_settings_dir" in dry
    readme = (edition / "README.md").read_text()
    assert "make lab" in readme and "make check" in readme
    assert "check:" in (edition / "Makefile").read_text()


def _lab_line_without_make(readme):
    """The line of a README's route without make that starts JupyterLab."""
    block = readme.read_text().split("Without make", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return next(line for line in block.splitlines() if "jupyter lab" in line)


@pytest.mark.parametrize("where", ["repository", "edition"])
def test_the_route_without_make_applies_the_course_settings(where, edition, tmp_path):
    """The README's commands for those who do not use ``make lab`` load ``jupyter/`` too: no news
    pop-up, no nbgrader Assignment List. A stand-in ``jupyter`` records what it was given."""
    folder = ROOT if where == "repository" else edition
    report, fake = tmp_path / "report", tmp_path / "jupyter"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$JUPYTER_CONFIG_PATH" "$@" > "$REPORT"\n')
    fake.chmod(0o755)
    line = _lab_line_without_make(folder / "README.md")
    subprocess.run(["bash", "-c", line.replace(".venv/bin/jupyter", str(fake))], cwd=folder, check=True,
                   env=dict(os.environ, REPORT=str(report)))
    config_path, command, *options = report.read_text().splitlines()
    assert command == "lab"
    disabled = set()
    for folder_ in filter(None, config_path.split(os.pathsep)):
        page_config = pathlib.Path(folder_) / "labconfig" / "page_config.json"
        if page_config.exists():
            disabled |= {k for k, v in json.loads(page_config.read_text())["disabledExtensions"].items() if v}
    assert "@jupyter/nbgrader:assignment-list" in disabled, config_path
    settings = [o.split("=", 1)[1] for o in options if o.startswith("--LabApp.app_settings_dir=")]
    overrides = json.loads((pathlib.Path(settings[0]) / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert pathlib.Path(settings[0]).resolve().is_relative_to(folder.resolve())


# ---------------------------------------------------------------- no secret in the edition

def _region(source, begin, end):
    lines, inside = [], False
    for line in source.splitlines():
        marker = line.strip().upper()
        if marker.startswith(begin):
            inside = True
        elif marker.startswith(end):
            inside = False
        elif inside:
            lines.append(line)
    return lines


# What a line can hold that tells part of an answer: arithmetic, a comparison, an index or slice, a
# function, a conditional, a comprehension, a formatted message, or a literal (a seed, a shape, a
# test value, the 1.0 that starts a backward pass).
_REVEALING = (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Subscript, ast.Lambda, ast.IfExp,
              ast.comprehension, ast.JoinedStr, ast.AugAssign, ast.Constant)


def reveals(line):
    """Whether a line of code could tell a student something about an answer.

    Boilerplate does not: a line that only names things and passes one of them to one function
    (``rng = np.random.default_rng(seed)``, ``t = np.tanh(x)``, ``return out``, ``while stack:``),
    with nothing of ``_REVEALING`` in it. Two calls can already make a formula
    (``abs(x.mean())``); a line that is not Python on its own (prose of a model answer, part of a
    longer statement) or a comment counts as telling.
    """
    text = line.strip()
    try:
        tree = ast.parse(text + (" pass" if text.endswith(":") else ""))
    except SyntaxError:
        return True
    if not tree.body or "#" in text:   # a comment, or a line with one
        return True
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    return (any(isinstance(node, _REVEALING) for node in ast.walk(tree))
            or len(calls) > 1 or any(len(call.args) + len(call.keywords) > 1 for call in calls))


def secret_lines():
    """Lines of solutions (model answers included) and hidden tests that the release does not show.

    Lines without a letter or shorter than 10 characters (``}``, ``total = 0.0``) say nothing, nor
    do lines that only name things and pass them on (``reveals``).
    """
    secrets, released = set(), set()
    for assignment in built_assignments():
        for cell in read(release_path(assignment)).cells:
            released |= {line.strip() for line in cell.source.splitlines()}
        for cell in read(source_path(assignment)).cells:
            meta, source = nbgrader_meta(cell), cell.source
            lines = []
            if meta.get("solution"):
                lines = (_region(source, "### BEGIN SOLUTION", "### END SOLUTION")
                         if "### BEGIN SOLUTION" in source else source.splitlines())
            elif meta.get("grade"):
                lines = _region(source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
            secrets |= {line.strip() for line in lines}
    return {s for s in secrets - released
            if len(s.replace(" ", "")) >= 10 and any(c.isalpha() for c in s) and reveals(s)}


def test_only_boilerplate_counts_as_saying_nothing():
    for plain in ("rng = np.random.default_rng(seed)", "return out", "for _ in range(n_steps):",
                  "order = rng.permutation(m)", "t = np.tanh(x)", "return theta, np.array(path)"):
        assert not reveals(plain), plain
    for telling in ("e = np.exp(-np.abs(z))", "return float(np.mean((y - y_hat) ** 2))", "dZ1 = dA1 * (1 - A1 ** 2)",
                    "test, train = order[:n_test], order[n_test:]", "A2 = np.clip(A2, eps, 1.0 - eps)",
                    'check_close("dW", dW, want)', "if s.ndim != 2:", "The slope is largest at zero.",
                    "self.grad = 1.0", "# exp of a non-positive number only", "rng_t = np.random.default_rng(1001)",
                    "want.append(abs(s.mean()))"):
        assert reveals(telling), telling


def _lines_of(path):
    if path.suffix == ".ipynb":
        return [line.strip() for cell in read(path).cells for line in cell.source.splitlines()]
    if path.suffix == ".npz":  # arrays of +/-1 spins (checked to be only that in test_helpers_ising)
        return []
    return [line.strip() for line in path.read_text().splitlines()]


def test_no_line_of_a_solution_or_hidden_test_is_in_the_edition(edition):
    secrets = secret_lines()
    assert len(secrets) > 100  # the search is not vacuous
    found = [(path.relative_to(edition).as_posix(), line) for path in edition.rglob("*")
             if path.is_file() for line in _lines_of(path) if line in secrets]
    assert not found, found[:10]


# Expressions of a solution too small to say anything alone: a name and a number at least, and
# six characters without spaces (``1 - p`` and ``x[i]`` pass; ``dZ @ A_prev.T`` does not).
_MODULES = ("np", "math")


def solution_formulas():
    """Formula fragments of the solutions and hidden tests that the release does not show.

    Every expression of a solution or hidden-test line that computes something (an operation, a
    call, a comparison, an index) from at least two names or numbers, written without spaces as
    ``ast.unparse`` spells it; left out when the release shows it anywhere (code or prose).
    """
    fragments = set()
    for assignment in built_assignments():
        released = "".join("".join(cell.source.split()) for cell in read(release_path(assignment)).cells)
        for cell in read(source_path(assignment)).cells:
            meta, source = nbgrader_meta(cell), cell.source
            if cell.cell_type != "code":
                continue
            if meta.get("solution"):
                lines = _region(source, "### BEGIN SOLUTION", "### END SOLUTION")
            elif meta.get("grade"):
                lines = _region(source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
            else:
                continue
            for line in lines:
                text = line.strip()
                try:
                    tree = ast.parse(text + (" pass" if text.endswith(":") else ""))
                except SyntaxError:
                    continue
                for node in ast.walk(tree):
                    if not isinstance(node, (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Call, ast.Subscript)):
                        continue
                    leaves = [n for n in ast.walk(node) if isinstance(n, ast.Constant)
                              or (isinstance(n, ast.Name) and n.id not in _MODULES)]
                    fragment = "".join(ast.unparse(node).split())
                    if len(leaves) >= 2 and len(fragment) >= 6 and fragment not in released:
                        fragments.add(fragment)
    return fragments


def test_no_likely_mistake_line_hands_over_a_solution_formula():
    """A ``Likely mistake:`` line (in the kernel from helpers/mistakes.json, and in the grader's
    feedback) names what went wrong; it never shows a fragment of the solution's code."""
    from autograder import catalogue
    from helpers.mistakes import sentence
    fragments = solution_formulas()
    assert len(fragments) > 200 and "dZ@caches[f'A{l-1}'].T" in fragments  # the search is not vacuous
    shown = {**{f"kind {k}": v for k, v in catalogue.kinds().items()}, **catalogue.entries()}
    found = [(ident, fragment) for ident, entry in shown.items()
             for fragment in fragments if fragment in "".join(sentence(entry).split())]
    assert not found, found


def test_demo_guards_name_the_students_functions():
    """``once_solved`` names functions the student writes (``fit_sine``), never exercise ids
    (``sine_regression``), so that what it prints is the student's own words."""
    for assignment in built_assignments():
        nb = read(source_path(assignment))
        exercise_names = {name for cell in nb.cells if nbgrader_meta(cell).get("solution") and cell.cell_type == "code"
                          for name in exercise_functions(nb, nbgrader_meta(cell)["grade_id"])}
        for cell in nb.cells:
            for call in re.findall(r"once_solved\(([^)]*)\)", cell.source):
                for name in re.findall(r"[\"']([^\"']+)[\"']", call):
                    assert name in exercise_names, (assignment, name, sorted(exercise_names))


def test_every_release_test_and_solution_cell_lets_run_all_go_on():
    for assignment in built_assignments():
        for cell in read(release_path(assignment)).cells:
            if may_raise(cell):
                assert TAG in cell.metadata.get("tags", []), (assignment, nbgrader_meta(cell).get("grade_id"))


@pytest.mark.slow
def test_make_check_lists_each_visible_test(edition):
    # The course's own venv stands in for the edition's (installing one takes minutes); the
    # edition's helpers come first on the path, for this process and for the kernel.
    venv = ROOT / ".venv"
    env = dict(os.environ, PYTHONPATH=str(edition), PATH=f"{venv / 'bin'}:{os.environ['PATH']}")
    env.pop("NBGRADER_EXECUTION", None)
    run = subprocess.run(["make", "check", "NOTEBOOK=01", f"VENV={venv}", "-o", f"{venv}/.installed"],
                         cwd=edition, env=env, capture_output=True, text=True, timeout=600)
    # Nothing is solved in the release, which is no error: no "make: *** ... Error", no kernel log.
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Error" not in run.stderr and "IPKernelApp" not in run.stdout + run.stderr, run.stderr
    assert "· mse_loss: not solved yet\n" in run.stdout and "Cell In" not in run.stdout, run.stdout
    n_exercises = len(BY_ID["01-gradient-descent"]["exercises"])
    assert f"0 of {n_exercises} exercises pass; next: `mse_loss` in section 1, “" in run.stdout, run.stdout


# ---------------------------------------------------------------- no helper solves an exercise

def public_helpers():
    """``(qualified name, callable)`` of every public function and class defined in ``helpers``."""
    found = []
    for info in pkgutil.iter_modules(helpers.__path__):
        module = importlib.import_module(f"helpers.{info.name}")
        for name, obj in vars(module).items():
            if (not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj))
                    and obj.__module__ == module.__name__):
                found.append((f"{module.__name__}.{name}", obj))
    return found


def _code_objects(code):
    """The functions compiled inside ``code``, at any depth (comprehensions and the like left out)."""
    for const in code.co_consts:
        if inspect.iscode(const):
            if not const.co_name.startswith("<") or const.co_name == "<lambda>":
                yield const
            yield from _code_objects(const)


@functools.lru_cache(maxsize=None)
def given_functions():
    """``(where, callable)`` of every function and class that the given code of a release notebook
    defines (cells that are neither an exercise nor a test), nested ones included when they stand
    alone: a student reads them all, and could copy any into an earlier exercise.

    What counts is code the course wrote (``def``, ``lambda``): a library function that given code
    imports or names (``sigmoid = expit``) is the library's, as open to a student as its manual;
    notebook 02 says where SciPy's is and why the exercise is written anyway.

    Only a cell's imports, definitions and plain assignments run (not its demos, which can take
    minutes); each function keeps those as its globals.
    """
    found = []
    for assignment in built_assignments():
        namespace, filename = {"__name__": "__main__"}, f"<given code of {assignment}>"
        for cell in read(release_path(assignment)).cells:
            meta = nbgrader_meta(cell)
            if cell.cell_type != "code" or meta.get("solution") or meta.get("grade"):
                continue
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            for node in ast.parse(source).body:
                plain = isinstance(node, ast.Assign) and not any(isinstance(n, ast.Call) for n in ast.walk(node))
                if plain or isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)):
                    try:
                        exec(compile(ast.Module([node], type_ignores=[]), filename, "exec"), namespace)
                    except Exception:  # noqa: BLE001 - a definition that needs a demo's data: still defined
                        pass
        for name, obj in list(namespace.items()):
            code = getattr(obj, "__code__", None)
            if inspect.isclass(obj) and obj.__module__ == "__main__":
                found.append((f"{assignment}: {name}", obj))
            if code is None or code.co_filename != filename:
                continue
            found.append((f"{assignment}: {name}", obj))
            for inner in _code_objects(code):
                if not inner.co_freevars:
                    found.append((f"{assignment}: {name}.{inner.co_name}", types.FunctionType(inner, namespace)))
    return found


def test_the_given_code_of_the_release_is_searched_to_the_inside_of_its_functions():
    names = {where for where, _ in given_functions()}
    assert "03-two-layer-backprop: buggy_backprop.sigmoid" in names, sorted(names)
    assert "04-vanishing-gradients: random_params" in names and len(names) > 30


def exercise_functions(nb, exercise):
    """Names the exercise's solution cell defines (functions and classes at its top level)."""
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade_id") == exercise and nbgrader_meta(cell).get("solution"):
            tree = ast.parse("\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%")))
            return [node.name for node in tree.body
                    if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    return []


class _TooSlow(Exception):
    pass


def _passes(solved, ns, exercise, names, candidate, seconds=10):
    """Whether ``candidate`` in place of ``names`` passes every test cell of ``exercise``, judge included.

    ``ns`` is a copy of the solved namespace, shared by the candidates of one exercise (copying it
    for each would take minutes; test cells work on their own variables).
    """
    ns.update(dict.fromkeys(names, candidate))

    def stop(*_):
        raise _TooSlow()
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        for cell in grading_cells_of(solved.nb, exercise):
            records = SolvedNotebook.run(cell.source, ns)
            ok, _ = judge_cell(solved.records[nbgrader_meta(cell)["grade_id"]], records)
            if not ok:
                return False
        return True
    except Exception:  # noqa: BLE001 - any failure, a timeout included, means it did not pass
        return False
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", built_assignments())
def test_no_helper_passes_an_exercises_hidden_tests(assignment, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")  # explorers stay light labels
    solved = SolvedNotebook(source_path(assignment))
    candidates = public_helpers() + given_functions()
    assert len(candidates) > 60
    passed = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for exercise in (e["id"] for e in BY_ID[assignment]["exercises"]):
            names = exercise_functions(solved.nb, exercise)
            if not names:
                continue
            ns = solved.fresh_namespace()
            if len(names) == 1:  # the machinery can tell a solution: the solution's own function passes
                assert _passes(solved, ns, exercise, names, solved.namespace[names[0]], seconds=120), exercise
            for qualname, candidate in candidates:
                if _passes(solved, ns, exercise, names, candidate):
                    passed.append(f"{qualname} passes {exercise}")
    assert not passed, passed


# ---------------------------------------------------------------- Run All outside JupyterLab

@pytest.mark.slow
@pytest.mark.parametrize("assignment", built_assignments())
def test_nbconvert_execute_reaches_the_end_of_the_untouched_release(assignment, tmp_path, monkeypatch):
    """As `jupyter nbconvert --execute` without --allow-errors: only tagged cells may fail, and a
    cell that says an exercise is missing shows no figure; no stray value under any cell."""
    from nbclient import NotebookClient
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = read(release_path(assignment))
    NotebookClient(nb, timeout=600, allow_errors=False, resources={"metadata": {"path": str(tmp_path)}}).execute()
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code[-1].execution_count is not None
    exercise_names = {name for cell in nb.cells if nbgrader_meta(cell).get("solution") and cell.cell_type == "code"
                      for name in exercise_functions(nb, nbgrader_meta(cell)["grade_id"])}
    for cell in code:
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        # Untouched, every exercise raises NotImplementedError: a demo cell that cannot run says so,
        # naming functions the student writes, and never sends them to run a cell instead.
        for line in text.splitlines():
            if "not solved yet" in line or "run the cell" in line or "not defined" in line:
                assert line.startswith("not solved yet: write `"), (cell.source[:60], line)
                named = set(re.findall(r"`([^`]+)`", line.split(" above")[0]))
                assert named and {n.split(".")[0] for n in named} <= exercise_names, (line, exercise_names)
        if "not solved yet" in text:
            assert not any("image/png" in o.get("data", {}) for o in cell.outputs), cell.source[:60]
        for output in cell.outputs:
            if output.output_type == "execute_result":
                assert " at 0x" not in output.data.get("text/plain", ""), cell.source[:60]

"""The explorers in a real browser: JupyterLab + headless Chromium, driven by Playwright.

Each explorer test runs an explorer's cell, moves its controls the way a student does (keyboard on
a slider handle, typing into a slider's readout, picking from a dropdown) and waits for the exact
readout recomputed here independently (``widget_references``). The Run All tests click Run All on
every untouched release notebook and every solved source notebook, in one JupyterLab, and read
what a student would see. A failing test leaves a screenshot in tests/artifacts/.
"""
import ast
import pathlib
import re
import shutil
import tempfile

import pytest
from autograder.cells import is_test_cell
from system_tools import require_tool

from browser_support import CHROMIUM, CHROMIUM_ARGS, REPO, LabPage, course_copy, start_lab, only_loopback, \
    screenshot_on_failure
from course import built_assignments, nbgrader_meta, read, release_path, source_path
from widget_references import (depth_readout, descent_readout, playground_readout, reference_descent, reference_norms,
                               reference_playground)

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium_present():
    require_tool(pathlib.Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM})")

FIXTURE = "tests/fixtures/widgets/explorers.ipynb"
CELLS = {"01": "learning_rate_explorer(namespace=globals())", "03": "playground(namespace=globals())",
         "04": "depth_explorer(namespace=globals())"}
WAIT = 60_000  # ms; a redraw takes well under a second, but the machine may be busy


def course_notebooks(folder="release"):
    """(assignment, path) of every notebook in ``folder`` that holds an explorer cell. Only the
    release is driven: the source's explorer cell is the same cell (checked below)."""
    found = []
    for assignment, needle in CELLS.items():
        for path in sorted(REPO.glob(f"{folder}/{assignment}-*/*.ipynb")):
            if needle in path.read_text(encoding="utf-8"):
                found.append((assignment, str(path.relative_to(REPO))))
    return found


COURSE_NOTEBOOKS = course_notebooks()


RUN_ALL_NOTEBOOKS = [str(path(a).relative_to(REPO)) for a in built_assignments() for path in (release_path, source_path)]


@pytest.fixture(scope="module")
def server():
    root = pathlib.Path(tempfile.mkdtemp(prefix="lab-root-"))
    course_copy(root, sorted({FIXTURE, *RUN_ALL_NOTEBOOKS, *(path for _, path in COURSE_NOTEBOOKS)}))
    lab = start_lab(root)
    yield lab
    lab.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lab(browser, server):
    """JupyterLab loaded once in one page; each test opens its notebook inside it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", only_loopback)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    with screenshot_on_failure(page, "lab-start"):
        yield LabPage(page, server)
    context.close()


@pytest.fixture(scope="module")
def explorers_page(lab):
    """The scratch notebook with the three explorer cells, open in one tab with one kernel."""
    with screenshot_on_failure(lab.page, "open-explorers"):
        notebook = lab.open(FIXTURE)
    yield notebook
    notebook.close()


# ---------------------------------------------------------------- moving controls like a student

def press_right(cell, control, times=1):
    """Focus the slider handle of ``control`` and press the right arrow ``times`` times."""
    handle = cell.locator(f".explorer-{control} .noUi-handle")
    handle.focus()
    for _ in range(times):
        handle.press("ArrowRight")


def type_into_readout(cell, control, text):
    readout = cell.locator(f".explorer-{control} .widget-readout")
    readout.click()
    readout.press("Control+a")
    readout.type(text)
    readout.press("Enter")


def pick(cell, control, option):
    cell.locator(f".explorer-{control} select").select_option(option)


def readout_of(cell):
    return cell.locator(".explorer-readout")


def assert_labels_shown_in_full(cell):
    """Every control's description fits its box: nothing is cut off or ellipsised."""
    cut = cell.evaluate("""(node) => Array.from(node.querySelectorAll('.explorer .widget-label'))
        .filter((el) => el.textContent.trim() && el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent)""")
    assert cut == [], f"labels cut off: {cut}"


def assert_own_functions_off(cell):
    expect(cell.locator(".explorer-use-my-functions input")).to_be_disabled()
    expect(cell.locator(".explorer-own-note")).to_contain_text("first")


# ---------------------------------------------------------------- expected readouts

def descent_expected(optimizer, exponent_or_lr, steps=100, surface_name="narrow valley", lr=None):
    from helpers.widget_descent import SURFACES
    lr = lr if lr is not None else 10 ** exponent_or_lr
    surface = SURFACES[surface_name]
    path, diverged = reference_descent(surface, optimizer, lr, steps)
    return descent_readout(optimizer, lr, surface, path, diverged)


def playground_expected(lr, hidden, activation, l2, noise, batch, epochs):
    accuracy, train_accuracy, _, _ = reference_playground(lr, hidden, activation, l2, noise, batch, epochs)
    return playground_readout(accuracy, train_accuracy)


def depth_expected(layers, activation, initialisation):
    return depth_readout(reference_norms(layers, activation, initialisation), activation)


# ---------------------------------------------------------------- the scratch notebook, every control

def test_learning_rate_explorer_in_the_browser(explorers_page):
    page = explorers_page.page
    with screenshot_on_failure(page, "learning-rate-explorer"):
        cell = explorers_page.run_cell(CELLS["01"], "lr")
        expect(readout_of(cell)).to_have_text(descent_expected("GD", -1.3), timeout=WAIT)
        assert_labels_shown_in_full(cell)
        assert_own_functions_off(cell)

        press_right(cell, "learning-rate")
        expect(cell.locator(".explorer-learning-rate .widget-readout")).to_have_text(f"{10 ** -1.2:.3g}")
        expect(readout_of(cell)).to_have_text(descent_expected("GD", -1.2))
        press_right(cell, "steps")
        expect(readout_of(cell)).to_have_text(descent_expected("GD", -1.2, steps=110))
        type_into_readout(cell, "learning-rate", "0.1")
        expect(readout_of(cell)).to_have_text(descent_expected("GD", None, steps=110, lr=0.1))
        expect(readout_of(cell)).to_contain_text("diverged at step")
        pick(cell, "optimizer", "momentum")
        expect(readout_of(cell)).to_have_text(descent_expected("momentum", None, steps=110, lr=0.1))
        pick(cell, "surface", "curved valley")
        expect(readout_of(cell)).to_have_text(descent_expected("momentum", None, 110, "curved valley", lr=0.1))


def test_playground_in_the_browser(explorers_page):
    page = explorers_page.page
    with screenshot_on_failure(page, "playground"):
        cell = explorers_page.run_cell(CELLS["03"], "playground")
        settings = {"lr": 1.0, "hidden": 16, "activation": "tanh", "l2": 0.0, "noise": 0.2, "batch": 32, "epochs": 60}
        expect(readout_of(cell)).to_have_text(playground_expected(**settings), timeout=WAIT)
        assert_labels_shown_in_full(cell)
        assert_own_functions_off(cell)
        moves = [("learning-rate", "lr", 10 ** 0.1), ("hidden-units", "hidden", 17), ("l2-strength", "l2", 0.1),
                 ("dataset-noise", "noise", 0.25), ("batch-size", "batch", 64), ("epochs", "epochs", 70)]
        for control, key, value in moves:
            press_right(cell, control)
            settings[key] = value
            expect(readout_of(cell)).to_have_text(playground_expected(**settings))
        pick(cell, "activation", "relu")
        settings["activation"] = "relu"
        expect(readout_of(cell)).to_have_text(playground_expected(**settings))
        type_into_readout(cell, "epochs", "40")
        settings["epochs"] = 40
        expect(readout_of(cell)).to_have_text(playground_expected(**settings))


def test_depth_explorer_in_the_browser(explorers_page):
    page = explorers_page.page
    with screenshot_on_failure(page, "depth-explorer"):
        cell = explorers_page.run_cell(CELLS["04"], "depth")
        expect(readout_of(cell)).to_have_text(depth_expected(10, "sigmoid", "Xavier"), timeout=WAIT)
        assert_labels_shown_in_full(cell)
        assert_own_functions_off(cell)
        press_right(cell, "number-of-layers")
        expect(readout_of(cell)).to_have_text(depth_expected(11, "sigmoid", "Xavier"))
        pick(cell, "activation", "tanh")
        expect(readout_of(cell)).to_have_text(depth_expected(11, "tanh", "Xavier"))
        pick(cell, "initialisation", "He")
        expect(readout_of(cell)).to_have_text(depth_expected(11, "tanh", "He"))
        type_into_readout(cell, "number-of-layers", "4")
        expect(readout_of(cell)).to_have_text(depth_expected(4, "tanh", "He"))


def test_playground_switches_to_the_students_functions(explorers_page):
    """Once ``train`` and ``forward`` run, the checkbox is enabled and ticking it retrains with them."""
    from helpers.widget_moons import moons
    with screenshot_on_failure(explorers_page.page, "playground-own-functions"):
        cell = explorers_page.run_cell("Stand-ins for a solved notebook 03", "playground-own")
        expect(readout_of(cell)).to_have_text(playground_expected(1.0, 16, "tanh", 0.0, 0.2, 32, 60), timeout=WAIT)
        expect(cell.locator(".explorer-own-note")).to_have_text("using your train, forward")
        cell.locator(".explorer-use-my-functions input").check()
        X_train, Y_train, X_test, Y_test = moons(0.2)  # the stand-in is the linear rule x1 - 3 x2 + 0.5 > 0

        def accuracy(X, Y):
            return ((X[0] - 3 * X[1] + 0.5 > 0) == Y[0]).mean()
        expect(readout_of(cell)).to_have_text(f"your functions: {playground_readout(accuracy(X_test, Y_test), accuracy(X_train, Y_train))}")


# ---------------------------------------------------------------- the course's own notebooks

FIRST_MOVE = {  # per assignment: (the default readout, the slider moved, the readout after one step)
    "01": (lambda: descent_expected("GD", -1.3), "learning-rate", lambda: descent_expected("GD", -1.2)),
    "03": (lambda: playground_expected(1.0, 16, "tanh", 0.0, 0.2, 32, 60), "hidden-units",
           lambda: playground_expected(1.0, 17, "tanh", 0.0, 0.2, 32, 60)),
    "04": (lambda: depth_expected(10, "sigmoid", "Xavier"), "number-of-layers",
           lambda: depth_expected(11, "sigmoid", "Xavier")),
}


@pytest.mark.parametrize("assignment, notebook", COURSE_NOTEBOOKS, ids=[path for _, path in COURSE_NOTEBOOKS])
def test_explorer_cell_of_a_course_notebook(assignment, notebook, lab):
    """Run only the explorer's cell of the untouched notebook (nothing solved) and move a slider."""
    with screenshot_on_failure(lab.page, notebook.replace("/", "_")):
        opened = lab.open(notebook)
        try:
            cell = opened.run_cell(CELLS[assignment], "explorer-" + notebook.replace("/", "-"))
            before, control, after = FIRST_MOVE[assignment]
            expect(readout_of(cell)).to_have_text(before(), timeout=WAIT)
            assert_labels_shown_in_full(cell)
            press_right(cell, control)
            expect(readout_of(cell)).to_have_text(after())
        finally:
            opened.close()


def test_every_built_assignment_with_an_explorer_is_driven_and_the_source_has_the_same_cell():
    """Guards the glob above: a renamed folder or an explorer cell written another way would
    leave the widget test above with nothing to drive, silently; and the source notebook's
    explorer cell (what instructors run) is the release's, character for character."""
    driven = dict(COURSE_NOTEBOOKS)
    for assignment, needle in CELLS.items():
        built = [a for a in built_assignments() if a.startswith(f"{assignment}-")]
        if not built:
            continue
        assert assignment in driven, f"{assignment}: no release notebook with `{needle}`"
        explorer_cells = [[c.source for c in read(path(built[0])).cells if needle in c.source]
                          for path in (source_path, release_path)]
        assert len(explorer_cells[0]) == 1 and explorer_cells[0] == explorer_cells[1], assignment


# ---------------------------------------------------------------- Run All, as a student clicks it

ANSI = re.compile(r"\x1b\[[0-9;]*m")
NOT_SOLVED = re.compile(r"not solved yet: write `([\w.]+)` above")


def solution_functions(assignment):
    """Every function and class the solution cells of a notebook define."""
    names = set()
    for cell in read(source_path(assignment)).cells:
        if cell.cell_type == "code" and nbgrader_meta(cell).get("solution"):
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%"))
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    names.add(node.name)
    return names


def texts(cell):
    """What a cell shows: its stream text, and each error as its (ANSI-free) traceback lines."""
    shown, errors, images = [], [], 0
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            shown.append(output["text"] if isinstance(output["text"], str) else "".join(output["text"]))
        elif output["output_type"] == "error":
            errors.append([ANSI.sub("", line) for line in output["traceback"]])
        else:
            images += "image/png" in output.get("data", {})
    return "".join(shown), errors, images


def run_all(lab, notebook):
    with screenshot_on_failure(lab.page, "run-all-" + notebook.replace("/", "_")):
        opened = lab.open(notebook)
        try:
            nb = opened.run_all()
        finally:
            opened.close()
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    assert code[-1]["execution_count"] is not None, f"{notebook}: Run All stopped before the last cell"
    assert all(cell["execution_count"] is not None for cell in code), f"{notebook}: a cell was skipped"
    return code


@pytest.mark.parametrize("assignment", built_assignments())
def test_run_all_of_the_untouched_release_reaches_the_end(assignment, lab):
    """Each test cell shows one line naming a function to write; demos that need one say so, no figure."""
    functions = solution_functions(assignment)
    for cell in run_all(lab, str(release_path(assignment).relative_to(REPO))):
        stream, errors, images = texts(cell)
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id", cell["source"][:40])
        if is_test_cell(cell):
            assert len(errors) == 1 and len(errors[0]) == 1, (gid, errors)
            found = NOT_SOLVED.match(errors[0][0])
            assert found and found.group(1).split(".")[0] in functions, (gid, errors[0])
        else:
            assert not errors, (gid, errors)
        if "not solved yet" in stream:
            assert stream.count("\n") == 1 and NOT_SOLVED.match(stream), (gid, stream)
            assert images == 0, f"{gid}: a figure drawn without the exercise it needs"
        # Untouched, what stops a demo is always a function not written yet, never a cell not run.
        for line in stream.splitlines():
            if "run the cell" in line.lower() or "not defined" in line:
                assert NOT_SOLVED.match(line), (gid, line)


@pytest.mark.parametrize("assignment", built_assignments())
def test_run_all_of_the_solved_notebook_passes_every_visible_test(assignment, lab):
    for cell in run_all(lab, str(source_path(assignment).relative_to(REPO))):
        stream, errors, _ = texts(cell)
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id", cell["source"][:40])
        assert not errors and "not solved yet" not in stream, (gid, errors, stream)
        if is_test_cell(cell):
            assert "✓ the visible tests pass" in ANSI.sub("", stream), (gid, stream)


def test_the_course_settings_hide_the_news_and_the_assignment_list(lab):
    """`make lab`'s settings (jupyter/): no news pop-up, no Assignment List, the Formgrader kept."""
    commands = lab.page.evaluate("""() => ['nbgrader:open-assignment-list', 'nbgrader:open-formgrader']
        .map((id) => window.jupyterapp.commands.hasCommand(id))""")
    assert commands == [False, True]
    assert lab.page.locator("text=Jupyter news").count() == 0

"""Visible hints point at the idea (which shapes must agree, what to differentiate), never at the
line of code that answers: no hint holds the right-hand side of a line of its exercise's solution.
Nor does anything else a student reads while working: the catalogue texts of helpers/mistakes.json,
notebook 02's shape drill, notebook 03's hint for the regularised gradients."""
import ast
import pathlib
import re

import pytest

from course import ASSIGNMENTS, grading_cells_of, nbgrader_meta, read, release_path, source_path


def _squeezed(text):
    return re.sub(r"\s+", "", text)


def _solution_expressions(source):
    """The right-hand sides (and returned expressions) of the solution's lines, without spaces."""
    body = source.split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]
    found = set()
    for line in body.splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"(?:return\s+|[\w\[\]'\", .]+?(?:\s*[-+*/]?=)\s*)(.+)$", line)
        if match and not line.startswith(("if ", "for ", "while ", "def ", "elif ")):
            expression = _squeezed(match.group(1)).rstrip(":")
            if len(expression) >= 6 and re.search(r"[@*/+\-]", expression):   # a formula, not a name
                found.add(expression)
    return found


def _visible_hints(source):
    """Every ``hint=...`` of the visible part of a test cell (f-strings with their fixed parts)."""
    tree = ast.parse(source.split("### BEGIN HIDDEN TESTS", 1)[0])
    hints = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "hint":
            parts = [node.value] if isinstance(node.value, ast.Constant) else \
                [v for v in getattr(node.value, "values", []) if isinstance(v, ast.Constant)]
            hints.append("".join(str(p.value) for p in parts))
    return hints


def _exercises(nb):
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "code" and meta.get("solution") and "### BEGIN SOLUTION" in cell.source:
            yield meta["grade_id"], cell.source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_visible_hint_holds_a_line_of_its_solution(assignment):
    nb = read(source_path(assignment))
    leaks = []
    for exercise, solution in _exercises(nb):
        expressions = _solution_expressions(solution)
        for cell in grading_cells_of(nb, exercise):
            for hint in _visible_hints(cell.source):
                leaks += [(exercise, hint) for e in expressions if e in _squeezed(hint)]
    assert not leaks, f"hints that give the code of the answer: {leaks}"


def test_the_hints_named_in_issue_11_point_at_the_idea():
    chain = read(source_path("02-chain-rule"))
    (linear,) = grading_cells_of(chain, "linear_backward")
    hints = " ".join(_visible_hints(linear.source))
    assert "A_prev.T" not in hints and "W.T" not in hints and "which product" in hints
    two_layer = read(source_path("03-two-layer-backprop"))
    (forward,) = grading_cells_of(two_layer, "forward")
    assert "W1 @ X" not in " ".join(_visible_hints(forward.source))
    descent = read(source_path("01-gradient-descent"))
    (mse,) = grading_cells_of(descent, "mse_loss")
    assert not any("divide by the number of examples" in h for h in _visible_hints(mse.source))


def test_the_db_shape_hint_asks_about_the_axis_not_only_keepdims():
    # db = np.sum(dZ, axis=0, keepdims=True) is (1, m): keepdims is there, the axis is not the examples'.
    import numpy as np
    from helpers.messages import CheckFailed
    from inprocess import SolvedNotebook
    cells = {cell.get("id"): cell for cell in read(source_path("02-chain-rule")).cells}
    namespace = {"__name__": "__main__"}
    SolvedNotebook.run(cells["intro-setup"].source, namespace)
    namespace["linear_backward"] = lambda dZ, A_prev, W: (W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=0, keepdims=True))
    with pytest.raises(CheckFailed) as failed:
        SolvedNotebook.run(cells["test-linear-backward"].source.split("### BEGIN HIDDEN TESTS")[0], namespace)
    message = str(failed.value)
    assert message.startswith("db "), message
    hint = next(line for line in message.splitlines() if line.strip().startswith("hint:"))
    assert re.search(r"\bax(is|es)\b", hint) and "examples" in hint and "axis=1" not in hint, hint


# -- what the student can read in helpers/mistakes.json --------------------------------------------
# A catalogue text names the mistake and where to look; it never states the fix: no "should",
# no convention or value the exercise fixes, no "g'(Z)" to put in place of what is there.
_STATES_A_FIX = re.compile(r"convention|asks for|in place of|\bshould\b|\bmust\b|instead of (?:at |normal|from|the pre)"
                           r"|g'\([zZ]|relu'\(0\) =|step count from before")


def _shipped():
    import json

    from helpers.mistakes import DATA
    return json.loads(DATA.read_text())


def test_the_shipped_file_leaves_the_find_the_bug_exercise_out():
    """Finding the bugs with a gradient check is the exercise: the student's kernel may say which
    gradients still differ, never where the bug is, what it is, or how many there are."""
    from autograder import catalogue
    assert "03-two-layer-backprop/find_the_bug" in catalogue.grader_only()
    data = _shipped()
    named = set(data["mistakes"]) | {item["mistake"] for items in data["checks"].values() for item in items}
    assert named and not [ident for ident in named if catalogue.is_grader_only(ident)]
    assert not [key for key in data["checks"] if "finite differences (relative errors)" in key]
    # The grader still knows them, from its own data.
    assert any(catalogue.is_grader_only(ident) for ident in catalogue.entries())


def test_no_text_a_student_can_read_states_the_fix():
    from autograder import catalogue
    from helpers.mistakes import sentence
    data = _shipped()
    shipped = {**data["mistakes"], **{f"kind {k}": v for k, v in data["kinds"].items()}}
    graded = {**{i: e for i, e in catalogue.entries().items() if not catalogue.is_grader_only(i)},
              **{f"kind {k}": v for k, v in catalogue.kinds().items()}}
    fixes = [(ident, sentence(entry)) for ident, entry in {**shipped, **graded}.items() if _STATES_A_FIX.search(sentence(entry))]
    assert not fixes, fixes


# -- notebook 02's shape drill ----------------------------------------------------------------------
def _drill(answers):
    """The release's drill cell run with ``answers`` written in, as a student would; what it prints."""
    import contextlib
    import io

    import numpy as np
    (cell,) = [c for c in read(release_path("02-chain-rule")).cells if c.get("id") == "intro-dimension-drill-run"]
    source = cell.source
    for name, expression in answers.items():
        source, n = re.subn(rf'"{name}": "\.\.\."', f'"{name}": {expression!r}', source)
        assert n == 1, name
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(source, {"np": np})
    return out.getvalue()


def test_the_shape_drill_checks_the_students_answers_and_shows_no_product_of_its_own():
    untouched = _drill({})
    assert untouched.count("no answer yet") == 3 and "@" not in untouched and "sum" not in untouched
    wrong = _drill({"dW": "A_prev @ dZ.T", "dA_prev": "W @ dZ", "db": "dZ.sum(axis=0, keepdims=True)"})
    assert "A_prev @ dZ.T -> (4, 3): but it needs (3, 4)" in wrong
    assert "W @ dZ fails: the inner dimensions do not match" in wrong
    assert "dZ.sum(axis=0, keepdims=True) -> (1, 5): but it needs (3, 1)" in wrong
    for product in ("dZ @ A_prev.T", "W.T @ dZ", "axis=1"):
        assert product not in untouched + wrong
    # Only a product's error is about inner dimensions; other errors say what numpy found.
    others = _drill({"dW": "dZ * A_prev", "dA_prev": "np.sum(W, axis=2)", "db": "dZ.reshape(7)"})
    assert "dZ * A_prev fails: the shapes (3,5) (4,5) cannot be broadcast together" in others, others
    assert "np.sum(W, axis=2) fails: there is no axis 2 in an array of 2 dimensions" in others, others
    assert "dZ.reshape(7) fails: cannot reshape array of size 15 into shape (7,)" in others, others
    assert "inner dimensions" not in others
    right = _drill({"dW": "dZ @ A_prev.T", "dA_prev": "W.T @ dZ", "db": "dZ.sum(axis=1, keepdims=True)"})
    assert right.count("the shape it needs") == 3


# -- notebook 03's L2 test: its hint follows the mistake actually made --------------------------------
def _l2_hints(wrong_backward):
    """The messages of 03's regularised backward test, with ``backward`` from tests/wrong/."""
    from helpers.messages import CheckFailed
    from inprocess import SolvedNotebook
    ids = {"intro-setup", "intro-demo-network", "forward", "bce-loss"}
    namespace = {"__name__": "__main__"}
    cells = {cell.get("id"): cell for cell in read(source_path("03-two-layer-backprop")).cells}
    for cell in read(source_path("03-two-layer-backprop")).cells:
        if cell.get("id") in ids:
            SolvedNotebook.run(cell.source, namespace)
    wrong = pathlib.Path(__file__).parent / "wrong" / "03-two-layer-backprop" / "backward" / f"{wrong_backward}.py"
    exec(wrong.read_text(), namespace)
    with pytest.raises(CheckFailed) as failed:
        SolvedNotebook.run(cells["test-backward-2"].source.split("### BEGIN HIDDEN TESTS")[0], namespace)
    return str(failed.value)


def test_the_l2_hint_sends_a_wrong_plain_gradient_to_the_plain_test_first():
    message = _l2_hints("sigma_prime_of_a")          # g' taken at A1: wrong without the penalty too
    assert "wrong without the penalty too" in message and "penalty's part" not in message, message


def test_the_l2_hint_points_at_the_penalty_without_spelling_its_derivative():
    message = _l2_hints("regularisation_without_one_over_m")
    assert "the penalty's part" in message, message
    hint = message.split("hint:", 1)[1]
    assert "W**2" not in hint and "lambda" not in hint and "add that to dW" not in hint

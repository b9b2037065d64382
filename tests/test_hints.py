"""Visible hints point at the idea (which shapes must agree, what to differentiate), never at the
line of code that answers: no hint holds the right-hand side of a line of its exercise's solution."""
import ast
import re

import pytest

from course import ASSIGNMENTS, grading_cells_of, nbgrader_meta, read, source_path


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

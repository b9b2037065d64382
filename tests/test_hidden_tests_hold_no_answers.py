"""A hidden test runs in the student's kernel, where the student's code can read the cell being run
(IPython's frames hold its source). So a hidden test holds no answer: expected values are computed
after the student's code ran, or by the judge outside the kernel, never written out as numbers."""
import ast

import pytest

from autograder.feedback import split_hidden
from course import built_assignments, read, source_path

# An expected value written out has many significant digits; inputs and tolerances have few.
MAX_DIGITS = 6


def _digits(value):
    mantissa = repr(abs(value)).split("e")[0].replace(".", "").strip("0")  # shortest repr: 0.3 -> "3"
    return len(mantissa)


def written_out_values(source):
    """Float literals in ``source`` with more than MAX_DIGITS significant digits."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    tree = ast.parse("\n".join(lines))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, float) and _digits(n.value) > MAX_DIGITS]


def test_the_audit_sees_an_expected_value_written_out():
    assert written_out_values("assert np.isclose(got, 0.7310585786300049)") == [0.7310585786300049]
    assert written_out_values("x = rng.normal(0.0, 6.0, size=3)\nassert np.isclose(a, b, rtol=1e-6)\ny = 100.001") == []


@pytest.mark.parametrize("assignment", built_assignments())
def test_no_hidden_test_writes_out_an_expected_value(assignment):
    found = {}
    for cell in read(source_path(assignment)).cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            values = written_out_values("\n".join(split_hidden(cell.source)[2]))
            if values:
                found[meta["grade_id"]] = values
    assert not found, f"hidden tests hold expected values the student's code could read: {found}"

"""Correct work written another way than the solution keeps its points.

Each file ``tests/right/<assignment>/<exercise>/<variant>.py`` is a correct implementation that
differs from the solution in what the specification leaves open (another epsilon, another loop,
another hidden size or optimiser). Swapped into the solved notebook's namespace, every test cell of
its exercise must pass in the kernel, and the trusted judge must accept its records: the hidden
tests decide on what the specification fixes, never on the solution's incidental choices.
"""
import pathlib
import warnings

import pytest

from autograder.judge import judge_cell
from course import built_assignments, grading_cells_of
from inprocess import SolvedNotebook
from test_wrong_answers import _exercise_ids, solved

RIGHT = pathlib.Path(__file__).parent / "right"
CASES = sorted(p for a in built_assignments() for p in (RIGHT / a).glob("*/*.py"))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parts[-3]}/{p.parts[-2]}/{p.stem}")
def test_hidden_tests_accept(case):
    assignment, exercise = case.parts[-3], case.parts[-2]
    assert exercise in _exercise_ids(assignment), f"{case}: {exercise} is not an exercise of {assignment}"
    nb = solved(assignment)
    cells = grading_cells_of(nb.nb, exercise)
    assert cells, f"no test cells for {exercise}"
    ns = nb.fresh_namespace()
    SolvedNotebook.run(case.read_text(), ns)
    # Plain nbgrader zeroes a test cell that writes to stderr; our grader lets values decide. A
    # variant that warns on its own way to right values (``WARNS = True``) is checked as our
    # grader grades it; every other one must not warn at all.
    warns = ns.get("WARNS", False)
    for cell in cells:
        gid = cell.metadata["nbgrader"]["grade_id"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore" if warns else "error")
            records = SolvedNotebook.run(cell.source, ns)
        ok, reasons = judge_cell(nb.records[gid], records)
        assert ok, f"{case.name}: the judge rejects the records of {gid}: {reasons}"

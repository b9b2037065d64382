"""Every exercise's hidden tests catch plausible wrong implementations.

Each file ``tests/wrong/<assignment>/<exercise>/<mistake>.py`` replaces the solution of one
exercise in the solved notebook's namespace; the exercise's test cells must then fail in the
kernel, and the trusted judge must reject the values they record.
"""
import functools
import pathlib
import warnings

import pytest

from autograder.judge import judge_cell
from helpers import evidence
from course import BY_ID, built_assignments, read, source_path, grading_cells_of
from inprocess import SolvedNotebook

WRONG = pathlib.Path(__file__).parent / "wrong"
CASES = sorted(p for a in built_assignments() for p in (WRONG / a).glob("*/*.py"))


@functools.lru_cache(maxsize=None)
def solved(assignment):
    return SolvedNotebook(source_path(assignment))


def _exercise_ids(assignment):
    return [e["id"] for e in BY_ID[assignment]["exercises"]]


@pytest.mark.parametrize("assignment", built_assignments())
def test_every_exercise_has_two_wrong_implementations(assignment):
    for exercise in _exercise_ids(assignment):
        found = list((WRONG / assignment / exercise).glob("*.py"))
        assert len(found) >= 2, f"{assignment}/{exercise}: {len(found)} wrong implementations, want at least 2"


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parts[-3]}/{p.parts[-2]}/{p.stem}")
def test_hidden_tests_catch(case):
    assignment, exercise = case.parts[-3], case.parts[-2]
    assert exercise in _exercise_ids(assignment), f"{case}: {exercise} is not an exercise of {assignment}"
    nb = solved(assignment)
    assert grading_cells_of(nb.nb, exercise), f"no test cells for {exercise}"
    with warnings.catch_warnings():
        # Wrong code overflows and divides by zero; that noise is expected here. Cells that count
        # warnings set their own filters inside and still see them.
        warnings.simplefilter("ignore", RuntimeWarning)
        _run_case(case, nb, exercise)


def _run_case(case, nb, exercise):
    cells = grading_cells_of(nb.nb, exercise)
    ns = nb.fresh_namespace()
    SolvedNotebook.run(case.read_text(), ns)

    failed_in_kernel, judged_wrong = [], []
    for cell in cells:
        gid = cell.metadata["nbgrader"]["grade_id"]
        try:
            records = SolvedNotebook.run(cell.source, ns)
        except Exception:  # noqa: BLE001 - any failure of the cell costs its points
            failed_in_kernel.append(gid)
            records = list(evidence.recorded)  # what it recorded before failing
        reference = nb.records[gid]
        assert reference, f"{gid} records nothing: the trusted grader could not judge it"
        ok, _ = judge_cell(reference, records)
        if not ok:
            judged_wrong.append(gid)
    assert failed_in_kernel, f"{case.name}: every test cell of {exercise} passed a wrong implementation"
    assert judged_wrong, f"{case.name}: the judge accepted the records of a wrong implementation"


@pytest.mark.slow
def test_every_test_cell_records_and_a_second_run_of_the_solution_passes_the_judge():
    """A cell that records nothing would be decided inside the student's kernel alone; and the
    judge must accept the solution run again from the top in a new namespace (what a student who
    hands in the solution gets), not only the very records it was given."""
    for assignment in built_assignments():
        first = solved(assignment)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            again = SolvedNotebook(source_path(assignment))
        assert again.records.keys() == first.records.keys()
        for gid, records in first.records.items():
            assert records, f"{assignment}/{gid} records nothing for the trusted judge"
            ok, reasons = judge_cell(records, again.records[gid])
            assert ok, f"{assignment}/{gid}: {reasons}"

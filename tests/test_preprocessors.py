"""autograder.preprocessors: the two steps in place of nbgrader's Execute, on in-memory notebooks.

Each test makes its own ``RunStore``: the preprocessors read only the store they are bound to.
"""
import copy

import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output
from traitlets.config import Config

from autograder import cells, preprocessors
from autograder.preprocessors import JudgeEvidence, Prepared, RunStore, UsePreExecuted
from helpers.evidence import MIME

KEY = ("fixture", "alice", "fixture")
RESOURCES = {"nbgrader": {"assignment": "fixture", "student": "alice", "notebook": "fixture"}}


def _record(value, name="square", rule="close"):
    payload = {"name": name, "value": value, "rule": rule, "params": {}}
    return new_output("display_data", data={MIME: payload})


def _notebook(*test_outputs):
    """An answer cell and one test cell per list of outputs (grade ids test_0, test_1, ...)."""
    answer = new_code_cell("def square(x):\n    return x * x")
    answer.metadata["nbgrader"] = {"grade": False, "solution": True, "grade_id": "square", "locked": False}
    nb = new_notebook(cells=[answer])
    for k, outputs in enumerate(test_outputs):
        cell = new_code_cell(f"assert square({k}) == {k * k}")
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": f"test_{k}", "points": 1}
        cell.outputs = list(outputs)
        nb.cells.append(cell)
    return nb


def _bound(cls, store, tmp_path):
    config = Config()
    config.BoundToRun.store = store
    config.CourseDirectory.root = str(tmp_path)  # no course there: no likely mistake is named
    return cls(config=config)


def test_the_store_is_shared_through_nbgraders_config_not_copied(tmp_path):
    store = RunStore()
    assert copy.deepcopy(store) is store
    assert _bound(UsePreExecuted, store, tmp_path).store is store
    assert _bound(JudgeEvidence, store, tmp_path).store is store
    assert not hasattr(preprocessors, "PREPARED")


def test_the_executed_outputs_replace_the_submitted_ones(tmp_path):
    store = RunStore()
    executed = _notebook([new_output("stream", name="stdout", text="ran in the sandbox\n")])
    executed.cells[1].execution_count = 3
    store.put(KEY, Prepared(notebook=executed))
    nb, _ = _bound(UsePreExecuted, store, tmp_path).preprocess(_notebook([_record(0)]), RESOURCES)
    assert nb.cells[1].outputs[0]["text"] == "ran in the sandbox\n" and nb.cells[1].execution_count == 3


def test_cells_that_do_not_match_the_executed_copy_are_not_run_with_the_reason(tmp_path):
    store = RunStore()
    executed = _notebook([])
    executed.cells[1].source = "something else"
    store.put(KEY, Prepared(notebook=executed, reason="the kernel died"))
    nb, _ = _bound(UsePreExecuted, store, tmp_path).preprocess(_notebook([]), RESOURCES)
    assert all(cells.first_error(c) == "NotExecuted: the kernel died" for c in nb.cells)
    other = RunStore()  # another run's store knows nothing of this notebook
    nb, _ = _bound(UsePreExecuted, other, tmp_path).preprocess(_notebook([]), RESOURCES)
    assert cells.first_error(nb.cells[1]).startswith("NotExecuted: the grader has no executed copy")


def test_the_judge_overrules_a_kernel_that_passed_wrong_values(tmp_path):
    store = RunStore()
    store.put(KEY, Prepared(reference={"test_0": [_record(0.0)["data"][MIME]],
                                       "test_1": [_record(1.0)["data"][MIME]]}))
    nb = _notebook([_record(0.0)], [_record(2.0)])
    nb, _ = _bound(JudgeEvidence, store, tmp_path).preprocess(nb, RESOURCES)
    verdicts = store.get(KEY).verdicts
    assert verdicts["test_0"]["judge_passed"] and not cells.has_error(nb.cells[1])
    assert verdicts["test_1"]["kernel_passed"] and not verdicts["test_1"]["judge_passed"]
    assert cells.first_error(nb.cells[2]).startswith(cells.REJECTED)


def test_stderr_costs_nothing_when_the_judge_accepts_every_value(tmp_path):
    store = RunStore()
    store.put(KEY, Prepared(reference={"test_0": [_record(0.0)["data"][MIME]]}))
    nb = _notebook([new_output("stream", name="stderr", text="RuntimeWarning\n"), _record(0.0)])
    nb, _ = _bound(JudgeEvidence, store, tmp_path).preprocess(nb, RESOURCES)
    verdict = store.get(KEY).verdicts["test_0"]
    assert verdict["stderr_forgiven"] and not verdict["kernel_passed"] and verdict["judge_passed"]
    assert nb.cells[1].outputs[0]["name"] == "stdout" and "RuntimeWarning" in nb.cells[1].outputs[0]["text"]


@pytest.mark.parametrize("unrecorded, why", [({}, "no evidence recorded"),
                                             ({"test_0": "ZeroDivisionError"}, "the solution failed here")])
def test_without_the_solutions_records_the_kernel_decides(tmp_path, unrecorded, why):
    store = RunStore()
    store.put(KEY, Prepared(unrecorded=unrecorded))
    nb = _notebook([cells.error_output("AssertionError", "wrong")])
    nb, _ = _bound(JudgeEvidence, store, tmp_path).preprocess(nb, RESOURCES)
    verdict = store.get(KEY).verdicts["test_0"]
    assert not verdict["judged"] and verdict["judge_passed"] and not verdict["kernel_passed"]
    assert verdict["reasons"][0].startswith(why) and verdict["error"] == "AssertionError: wrong"


def test_a_store_forgets_a_notebook_once_recorded():
    store = RunStore()
    store.put(KEY, Prepared(reason="x"))
    assert store.pop(KEY).reason == "x" and store.pop(KEY) is None and len(store) == 0

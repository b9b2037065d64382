"""autograder.recording: what a worker's result says about a submission (no gradebook needed)."""
import types

from nbformat.v4 import new_code_cell, new_notebook

from autograder import course, recording
from autograder.options import Options
from autograder.preprocessors import RunStore


def _recorder(calls):
    api = types.SimpleNamespace(generate_feedback=lambda *a, **k: calls.append(a) or {"success": True})
    return recording.Recorder(api, Options(cell_timeout=25), RunStore())


def test_a_cell_that_timed_out_is_named_with_the_limit_and_the_flag():
    executed = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("while True: pass")])
    executed.cells[1].metadata["nbgrader"] = {"grade_id": "train", "solution": True, "grade": False}
    sub = course.Submission("a1", "alice", {"nb": None})
    _recorder([])._note_result(sub, "nb", {"status": "ok", "seconds": 2.5, "timeouts": [1, 7],
                                           "notebook": executed, "budget": "cgroup: 512 processes"})
    assert sub.status == {"nb": "cell_timeout"} and sub.seconds == 2.5 and sub.budget == "cgroup: 512 processes"
    assert sub.reasons == ["nb: train ran longer than the cell time limit of 25 s (--cell-timeout) and was stopped",
                           "nb: cell 7 ran longer than the cell time limit of 25 s (--cell-timeout) and was stopped"]


def test_a_failed_run_keeps_its_status_and_reason():
    sub = course.Submission("a1", "alice", {"nb": None})
    _recorder([])._note_result(sub, "nb", {"status": "kernel_died", "reason": "the kernel died"})
    assert sub.status == {"nb": "kernel_died"} and sub.reasons == ["nb: the kernel died"]


def test_no_feedback_for_a_submission_with_nothing_handed_in():
    calls = []
    sub = course.Submission("a1", "alice", {"nb": None}, status={"nb": "missing"})
    _recorder(calls).feedback(sub)
    assert calls == []
    sub.status["nb"] = "ok"
    _recorder(calls).feedback(sub)
    assert calls == [("a1", "alice")]


def test_output_truncated_in_a_run_that_ended_well_is_a_note_not_a_problem():
    sub = course.Submission("a1", "alice", {"nb": None})
    _recorder([])._note_result(sub, "nb", {"status": "ok", "reason": "output truncated in cell 42 (over 1 MB of text)"})
    assert sub.status == {"nb": "ok"} and sub.reasons == []
    assert sub.notes == ["nb: output truncated in cell 42 (over 1 MB of text): no points lost"]

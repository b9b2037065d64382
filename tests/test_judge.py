import numpy as np

from autograder.judge import judge_cell, records_by_cell, verdict
from helpers import evidence


def rec(name, value, rule="close", **params):
    del evidence.recorded[:]
    evidence.record(name, value, rule=rule, **params)
    return evidence.recorded.pop()


def test_close_within_and_beyond_tolerance():
    ref = rec("A2", np.array([[0.25, 0.5]]))
    assert verdict(ref, rec("A2", np.array([[0.25 + 1e-10, 0.5]])))[0]
    ok, reason = verdict(ref, rec("A2", np.array([[0.26, 0.5]])))
    assert not ok and "A2" in reason


def test_close_accepts_what_the_hidden_asserts_np_allclose_accepts():
    """A forward pass computed in float32 is off by a few parts in a million after its matrix
    products: ``np.allclose`` in the kernel accepts it; the judge's default tolerance is numpy's,
    so it passes there too. A hundred times that is still wrong."""
    exact = np.tanh(np.linspace(-3, 3, 50)).reshape(5, 10)
    single = exact * (1 + 3e-6)
    assert np.allclose(single, exact) and not np.allclose(single, exact, rtol=1e-6, atol=1e-9)
    assert verdict(rec("A1", exact), rec("A1", single))[0]
    assert not verdict(rec("A1", exact), rec("A1", exact * (1 + 3e-4)))[0]


def test_close_needs_the_same_shape():
    assert not verdict(rec("x", np.zeros((1, 3))), rec("x", np.zeros((3, 1))))[0]


def test_close_compares_containers():
    ref = rec("grads", {"dW1": np.ones((2, 2)), "db1": np.zeros((2, 1))})
    assert verdict(ref, rec("grads", {"dW1": np.ones((2, 2)), "db1": np.zeros((2, 1))}))[0]
    assert not verdict(ref, rec("grads", {"dW1": np.ones((2, 2))}))[0]
    assert not verdict(ref, rec("grads", "not a dict"))[0]


def test_equal_is_exact_and_typed():
    ref = rec("idx", np.array([2, 0, 1]), rule="equal")
    assert verdict(ref, rec("idx", np.array([2, 0, 1])))[0]
    assert not verdict(ref, rec("idx", np.array([0, 1, 2])))[0]
    assert not verdict(rec("n", 3, rule="equal"), rec("n", 3.0))[0]


def test_thresholds_take_their_bounds_from_the_reference_only():
    ref = rec("acc", 0.95, rule="at_least", bound=0.9)
    assert verdict(ref, rec("acc", 0.91))[0]
    cheat = rec("acc", 0.5, rule="at_least", bound=0.0)  # the student's own rule is ignored
    assert not verdict(ref, cheat)[0]
    assert not verdict(rec("loss", 0.1, rule="at_most", bound=0.2), rec("loss", np.nan))[0]


def test_accuracy_and_mse_rules():
    labels = np.array([[0.0, 1.0, 1.0, 0.0]])
    ref = rec("p", labels, rule="accuracy_at_least", labels=labels, minimum=0.75)
    assert verdict(ref, rec("p", np.array([[0.1, 0.9, 0.4, 0.2]])))[0]  # 3 of 4
    assert not verdict(ref, rec("p", np.array([[0.9, 0.9, 0.4, 0.2]])))[0]  # 2 of 4
    assert not verdict(ref, rec("p", np.array([0.1, 0.9, 0.6, 0.2])))[0]  # wrong shape
    targets = np.array([1.0, 2.0])
    ref = rec("yhat", targets, rule="mse_at_most", targets=targets, maximum=0.01)
    assert verdict(ref, rec("yhat", np.array([1.05, 2.05])))[0]
    assert not verdict(ref, rec("yhat", np.array([1.5, 2.0])))[0]


def test_judge_cell_needs_every_record():
    refs = [rec("a", 1.0), rec("b", 2.0)]
    assert judge_cell(refs, [rec("a", 1.0), rec("b", 2.0)]) == (True, [])
    ok, reasons = judge_cell(refs, [rec("a", 1.0)])
    assert not ok and "b: not recorded" in reasons[0]
    assert not judge_cell(refs, [{"garbage": 1}, "text", rec("a", 1.0)])[0]


def test_records_by_cell_reads_only_graded_code_cells():
    import nbformat
    payload = rec("a", 1.0)
    cell = nbformat.v4.new_code_cell("x", metadata={"nbgrader": {"grade_id": "test_a", "grade": True}})
    cell.outputs = [nbformat.v4.new_output("display_data", data={evidence.MIME: payload})]
    plain = nbformat.v4.new_code_cell("y")
    plain.outputs = [nbformat.v4.new_output("display_data", data={evidence.MIME: payload})]
    nb = nbformat.v4.new_notebook(cells=[cell, plain])
    assert records_by_cell(nb) == {"test_a": [payload]}


def test_a_record_repeated_in_one_cell_fails_it():
    """A forged record of the right value shown before the test's own must not count."""
    refs = [rec("a", 1.0)]
    ok, reasons = judge_cell(refs, [rec("a", 1.0), rec("a", 5.0)])
    assert not ok and "recorded 2 times" in reasons[0]
    assert judge_cell([rec("a", 1.0), rec("a", 2.0)], [rec("a", 1.0), rec("a", 2.0)]) == (True, [])
    assert not judge_cell([rec("a", 1.0), rec("a", 2.0)], [rec("a", 2.0), rec("a", 1.0)])[0]

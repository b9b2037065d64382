"""The likely-mistake diagnosis: its parts, on small cases made up here.

The measurements on the real collection and on unseen wrong answers are in
test_diagnose_corpus.py and test_diagnose_unseen.py.
"""
import ast
import json
import textwrap

import numpy as np
import pytest

from autograder import catalogue, diagnose, mistake_report, report
from autograder.feedback import split_hidden
from autograder.course import Submission
from helpers import checks, mistakes, structural
from helpers.evidence import encode

from course import built_assignments, read, source_path


# -- structural relations ------------------------------------------------------------------
RNG = np.random.default_rng(13)
E = RNG.standard_normal((3, 5))


@pytest.mark.parametrize("got, kind", [
    (-E, "sign_flipped"),
    (E.T, "transposed"),
    (7 * E, "missing_mean"),
    (E / 4, "extra_mean"),
    (E / 2, "factor_two_missing"),
    (2 * E, "factor_two_extra"),
    (E.ravel(), "flattened"),
    (E[::-1], "reversed_order"),
    (E[:-1], "off_by_one"),
    (E ** 2, None),            # E has negative entries: squaring is no relation here
    (E + 0.1, None),
    (E.copy(), None),
])
def test_structural_relations(got, kind):
    assert structural.relation(E, got) == kind


def test_squares_and_roots_of_a_positive_result():
    norms = np.array([0.5, 2.0, 3.0, 7.0])
    assert structural.relation(norms, norms ** 2) == "squared"
    assert structural.relation(norms, np.sqrt(norms)) == "square_root"


def test_single_numbers_do_not_prove_a_factor():
    """Any two numbers have a ratio: one scalar off by 3x names nothing."""
    assert structural.relation(2.5, 7.5) is None
    assert structural.relation(np.array([2.5]), np.array([-2.5])) is None


def test_a_dict_needs_one_kind_throughout():
    expected = {"dW1": E, "db1": E[:, :1], "dW2": E[:2]}
    assert structural.related(expected, {**expected, "dW1": E.T})[:2] == ("transposed", ["dW1"])
    assert structural.relation(expected, {k: -v for k, v in expected.items()}) == "sign_flipped"
    assert structural.relation(expected, {"dW1": -E, "db1": E[:, :1] * 3, "dW2": E[:2]}) is None
    assert structural.related(expected, {"db1": E[:, :1], "dW2": E[:2]})[:2] == ("off_by_one", ["dW1"])


# -- the catalogue -------------------------------------------------------------------------
def test_every_wrong_implementation_has_a_catalogue_entry_for_students():
    entries = catalogue.entries()
    assert len(entries) == len(catalogue.wrong_files()) > 100
    for ident, entry in entries.items():
        assert entry["name"] and len(entry["name"]) <= 60, ident
        assert len(entry["explain"]) >= 20, f"{ident}: no explanation"
        assert "\n" not in entry["explain"], ident


def test_a_mistake_seen_in_one_gradient_is_not_told_as_one_in_both():
    # The check names this mistake from db1's shape alone (db2 right, db1 without keepdims), so its
    # explanation must not say that both came out 1-D.
    explain = catalogue.entries()["03-two-layer-backprop/backward/db_without_keepdims"]["explain"]
    assert "db1 and db2" not in explain
    assert "db1, db2, or both" in explain


def test_the_general_kinds_include_every_structural_relation():
    assert set(structural.KINDS) | {"in_place"} <= set(catalogue.kinds())


# -- hidden records --------------------------------------------------------------------------
def _rec(name, value, rule="close", **params):
    return {"name": name, "value": encode(value), "rule": rule, "params": {k: encode(v) for k, v in params.items()}}


REFERENCE = [_rec("grads", {"dW1": E, "db1": E[:, :1]}), _rec("params after backward", E, rule="equal")]
ENTRIES = {"a/backward/sign_error": {"id": "a/backward/sign_error", "name": "sign flipped", "kind": "sign_flipped",
                                     "explain": "dZ2 = (Y - A2) / m."},
           "a/backward/weird": {"id": "a/backward/weird", "name": "weird", "kind": "weird",
                                "explain": "adds 0.3 everywhere."}}
WRONG = {"a/backward/sign_error": [_rec("grads", {"dW1": -E, "db1": -E[:, :1]}), REFERENCE[1]],
         "a/backward/weird": [_rec("grads", {"dW1": E + 0.3, "db1": E[:, :1] + 0.3}), REFERENCE[1]]}


def test_a_right_answer_is_never_diagnosed():
    assert diagnose.diagnose_cell(REFERENCE, REFERENCE, WRONG, ENTRIES) is None


def test_the_fingerprint_of_a_wrong_implementation_names_it():
    student = [_rec("grads", {"dW1": E + 0.3, "db1": E[:, :1] + 0.3}), REFERENCE[1]]
    found = diagnose.diagnose_cell(REFERENCE, student, WRONG, ENTRIES)
    assert (found["id"], found["how"]) == ("a/backward/weird", "fingerprint")
    assert diagnose.line(found) == "Likely mistake: weird. Adds 0.3 everywhere."


def test_without_a_fingerprint_the_structure_names_the_kind():
    student = [_rec("grads", {"dW1": E.T, "db1": E[:, :1]}), REFERENCE[1]]
    found = diagnose.diagnose_cell(REFERENCE, student, WRONG, ENTRIES)
    assert (found["kind"], found["how"], found["keys"]) == ("transposed", "structure", ["dW1"])
    assert diagnose.line(found).startswith("Likely mistake: shape transposed (dW1). ")


def test_a_record_of_the_arguments_after_the_call_means_in_place():
    student = [REFERENCE[0], _rec("params after backward", E * 0.5, rule="equal")]
    assert diagnose.diagnose_cell(REFERENCE, student, {}, ENTRIES)["kind"] == "in_place"


def test_an_unrelated_wrong_value_gets_no_name():
    student = [_rec("grads", {"dW1": E + RNG.standard_normal(E.shape), "db1": E[:, :1]}), REFERENCE[1]]
    assert diagnose.diagnose_cell(REFERENCE, student, WRONG, ENTRIES) is None


def test_failing_only_a_quality_bar_names_nothing():
    """'Accuracy too low' is what many different mistakes have in common."""
    ref = [_rec("held-out probabilities", np.array([[0.9, 0.1]]), rule="accuracy_at_least",
                labels=np.array([[1.0, 0.0]]), minimum=0.9)]
    bad = [_rec("held-out probabilities", np.array([[0.2, 0.8]]), rule="accuracy_at_least",
                labels=np.array([[1.0, 0.0]]), minimum=0.9)]
    entries = {"a/train/zero_init": {"id": "a/train/zero_init", "name": "zero init", "kind": "zero_init",
                                     "explain": "all weights start at zero."}}
    assert diagnose.diagnose_cell(ref, bad, {"a/train/zero_init": bad}, entries) is None


def test_forged_records_cannot_put_their_own_text_in_the_line():
    """Key names in a line come from the solution's records, never from the student's."""
    student = [_rec("grads", {"dW1": E.T, "db1": E[:, :1], "SECRET 0.4242": E}), REFERENCE[1]]
    found = diagnose.diagnose_cell(REFERENCE, student, WRONG, ENTRIES)
    assert found is None or "SECRET" not in diagnose.line(found)


# -- where a cell stopped ------------------------------------------------------------------
ERROR_ONLY = {"a/backward/math_exp": {"id": "a/backward/math_exp", "name": "math.exp on arrays", "kind": "math_exp",
                                      "explain": "math.exp takes one number."}}
RAISED = {"error": "TypeError", "text": "only length-1 arrays can be converted to Python scalars", "check": False,
          "hidden": None}
MISSING = []  # a cell that stopped before its first record


def test_an_error_only_fingerprint_never_matches_an_unsolved_exercise():
    """A wrong implementation that raises before recording anything has no records to compare:
    an unsolved stub (NotImplementedError) or any other error must not be named after it."""
    wrong, stops = {"a/backward/math_exp": []}, {"a/backward/math_exp": RAISED}
    unsolved = {"error": "NotImplementedError", "text": ""}
    assert diagnose.diagnose_cell(REFERENCE, MISSING, wrong, ERROR_ONLY) is None
    assert diagnose.diagnose_cell(REFERENCE, MISSING, wrong, ERROR_ONLY, unsolved, stops) is None
    other = {"error": "ValueError", "text": "operands could not be broadcast together"}
    assert diagnose.diagnose_cell(REFERENCE, MISSING, wrong, ERROR_ONLY, other, stops) is None
    found = diagnose.diagnose_cell(REFERENCE, MISSING, wrong, ERROR_ONLY, dict(RAISED), stops)
    assert (found["id"], found["how"]) == ("a/backward/math_exp", "stop")


def test_an_unsolved_exercise_is_never_diagnosed_even_when_its_records_look_wrong():
    """``raise NotImplementedError()`` left in after some code: no name, whatever was recorded."""
    student = [_rec("grads", {"dW1": -E, "db1": -E[:, :1]}), REFERENCE[1]]
    stop = {"error": "NotImplementedError", "text": ""}
    assert diagnose.diagnose_cell(REFERENCE, student, WRONG, ENTRIES) is not None
    assert diagnose.diagnose_cell(REFERENCE, student, WRONG, ENTRIES, stop, {}) is None


def test_a_hidden_check_names_the_mistake_by_its_message_and_numbers():
    """The grader knows where each wrong implementation stops (a hidden check, its printed values);
    the same failure with other values, or another check, is not the same mistake."""
    theirs = {"error": "CheckFailed", "text": "theta after 1 steps is not the expected value.\n"
                                              "  expected: [0.5 1.25]\n  got:      [0.51 1.3]",
              "check": True, "hidden": True}
    stops = {"a/backward/weird": theirs}
    same = {**theirs, "text": theirs["text"].replace("0.51", "0.5100001") + "\n  Likely mistake: whatever"}
    found = diagnose.diagnose_cell(REFERENCE, MISSING, {}, ENTRIES, same, stops)
    assert (found["id"], found["how"]) == ("a/backward/weird", "stop")
    for other in (theirs["text"].replace("0.51", "0.52"), theirs["text"].replace("theta", "velocity"), ""):
        assert diagnose.diagnose_cell(REFERENCE, MISSING, {}, ENTRIES, {**theirs, "text": other}, stops) is None
    assert diagnose.diagnose_cell(REFERENCE, REFERENCE, {}, ENTRIES, same, stops) is None  # records all pass
    # At a visible check the kernel names the mistake itself, from exact values: the rounded message
    # could stand for several mistakes there.
    visible = {"a/backward/weird": {**theirs, "hidden": False}}
    assert diagnose.diagnose_cell(REFERENCE, MISSING, {}, ENTRIES, same, visible) is None


def test_a_grader_only_exercise_is_named_by_its_visible_stop():
    """find_the_bug's mistakes are not in helpers/mistakes.json, so the kernel names none: the
    grader names them from where they stop, the visible gradient check and its printed errors."""
    ident = "03-two-layer-backprop/find_the_bug/bias_fixed_only"
    assert catalogue.is_grader_only(ident) and not catalogue.is_grader_only("03-two-layer-backprop/backward/x")
    theirs = {"error": "CheckFailed", "text": "still disagreeing with finite differences (relative errors): "
                                              "dW1 1.0e-01, db1 8.8e-02.", "check": True, "hidden": False}
    entries = {ident: {**ENTRIES["a/backward/weird"], "id": ident}}
    found = diagnose.diagnose_cell(REFERENCE, MISSING, {}, entries, dict(theirs), {ident: theirs})
    assert (found["id"], found["how"]) == (ident, "stop")
    other = {**theirs, "text": theirs["text"].replace("8.8e-02", "1.0e+00")}
    assert diagnose.diagnose_cell(REFERENCE, MISSING, {}, entries, other, {ident: theirs}) is None


def test_a_wrong_value_unlike_every_fingerprint_is_not_named_after_one():
    reference = [_rec("loss", np.array([1.0, 2.0, 3.0]))]
    wrong = {"a/backward/weird": [_rec("loss", np.array([1.0, 2.0, 4.0]))]}
    student = [_rec("loss", np.array([1.0, 2.0, 5.5]))]
    assert diagnose.diagnose_cell(reference, student, wrong, ENTRIES) is None


@pytest.mark.parametrize("name, in_place", [
    ("arguments after an RMSProp step", True), ("params after backward", True), ("grads after the call, relu", True),
    ("sq_avg after 6 steps", False), ("velocity after 5 steps", False),
    ("probabilities after training with swapped labels (1 = ordered)", False),
])
def test_only_records_of_the_arguments_after_a_call_mean_in_place(name, in_place):
    reference = [_rec(name, E, rule="equal")]
    found = diagnose.diagnose_cell(reference, [_rec(name, E + 1.0, rule="equal")], {}, ENTRIES)
    assert (found is not None and found["kind"] == "in_place") == in_place


def test_the_grader_reads_where_a_graded_cell_stopped():
    cell = {"cell_type": "code", "outputs": [
        {"output_type": "error", "ename": "CheckFailed", "evalue": "X is wrong", "traceback": []},
        {"output_type": "error", "ename": "HiddenTestFailed", "evalue": "rejected", "traceback": []}]}
    assert diagnose.stop_of_cell(cell) == {"error": "CheckFailed", "text": "X is wrong"}
    assert diagnose.stop_of_cell({"cell_type": "code", "outputs": cell["outputs"][1:]}) is None


def test_only_a_catalogue_sentence_printed_in_the_kernel_counts():
    """A submission can raise any message: a made-up 'Likely mistake:' line is not the kernel's."""
    kind = catalogue.kinds()["sign_flipped"]
    real = f"{mistakes.PREFIX} {mistakes.sentence(kind)}"
    def cell(text):
        return {"cell_type": "code", "outputs": [{"output_type": "error", "ename": "CheckFailed",
                                                  "evalue": f"x is wrong\n  {text}", "traceback": []}]}
    assert diagnose.visible_line(cell(real)) == real
    assert diagnose.visible_line(cell(f"{mistakes.PREFIX} the answer is 0.4242")) is None


# -- visible checks, in the student's kernel --------------------------------------------------
MSE_KEY = mistakes.observe("check_close", {"name": "mse on four points", "got": 0.0, "expected": 1.5})["key"]
DATA = {"mistakes": {"x/y/halved": {"name": "a factor 2 missing", "kind": "factor_two_missing",
                                    "explain": "the 2 from the square is missing."},
                     "x/y/other": {"name": "other", "kind": "other", "explain": "something else."}},
        "kinds": catalogue.kinds(),
        "checks": {MSE_KEY: [
            {"mistake": "x/y/halved", "value": encode(np.asarray(0.75)), "tokens": []},
            {"mistake": "x/y/other", "value": encode(np.asarray(2.25)), "tokens": []}]}}


@pytest.fixture
def visible_data(monkeypatch):
    monkeypatch.setattr(mistakes, "_data", DATA)


def _message(call):
    with pytest.raises(AssertionError) as err:
        call()
    return str(err.value)


def test_a_known_wrong_value_at_a_visible_check_is_named(visible_data):
    text = _message(lambda: checks.check_close("mse on four points", 0.75, 1.5))
    assert text.splitlines()[-1] == "  Likely mistake: a factor 2 missing. The 2 from the square is missing."


def test_an_unknown_value_falls_back_to_its_relation_with_the_expected_one(visible_data):
    text = _message(lambda: checks.check_close("dW1", E.T, E))
    assert "Likely mistake: shape transposed" in text
    assert "Likely mistake" not in _message(lambda: checks.check_close("mse on four points", 0.3, 1.5))
    assert "Likely mistake" not in _message(lambda: checks.check_close("mse on four points", 0.75, 1.4)), \
        "a check of the same name with another expected value is another check"


def test_a_wrong_shape_is_named_by_its_relation_with_the_expected_one(visible_data):
    assert "Likely mistake: off by one" in _message(lambda: checks.check_shape("path", np.zeros((6, 2)), (5, 2)))
    assert "Likely mistake: shape transposed" in _message(lambda: checks.check_shape("dW", np.zeros((2, 3)), (3, 2)))
    assert "Likely mistake" not in _message(lambda: checks.check_shape("dW", np.zeros((4, 4)), (3, 2)))


def test_check_true_and_check_unchanged_get_lines_too(visible_data):
    assert "Likely mistake: arguments modified in place" in _message(
        lambda: checks.check_unchanged("params", np.zeros(3), np.ones(3)))
    assert "Likely mistake" not in _message(lambda: checks.check_true(False, "the loss should go down"))


def test_observations_replace_numbers_in_a_check_true_message():
    seen = mistakes.observe("check_true", {"what": "dW1 disagrees (relative error 3.2e-01)."})
    assert seen == {"key": "check_true|dW1 disagrees (relative error #).", "value": None, "tokens": ["3.2e-01"]}


def test_a_broken_data_file_costs_only_the_line(monkeypatch):
    monkeypatch.setattr(mistakes, "_data", {"nonsense": True})
    assert _message(lambda: checks.check_close("x", 1.0, 2.0)).endswith("got:      1.0")


# -- the shipped data file ---------------------------------------------------------------------
def test_the_shipped_visible_fingerprints_are_up_to_date():
    stored = json.loads(mistakes.DATA.read_text())
    assert stored["inputs"] == diagnose.inputs_digest(), \
        "helpers/mistakes.json is stale: run `make mistakes` (python -m autograder.diagnose build)"


def test_the_shipped_file_names_only_catalogue_entries():
    stored = json.loads(mistakes.DATA.read_text())
    entries = catalogue.entries()
    assert stored["checks"], "no visible fingerprints at all"
    for key, items in stored["checks"].items():
        assert key.split("|")[0] in mistakes.CHECKS
        for item in items:
            assert item["mistake"] in entries, f"{key}: {item['mistake']} is not in the catalogue"
            assert set(item) == {"mistake", "value", "tokens"}


# -- the instructor's view ---------------------------------------------------------------------
def _sub(student, mistakes_by_cell):
    sub = Submission("03-two-layer-backprop", student, {"two_layer_backprop": None})
    sub.scores = {"test_backward_1": (0.0, 2.0), "test_forward": (2.0, 2.0)}
    sub.mistakes = mistakes_by_cell
    return sub


def test_the_class_report_counts_students_per_mistake(tmp_path):
    subs = [_sub("ada", {"test_backward_1": "sign flipped", "test_backward_2": "sign flipped"}),
            _sub("bob", {"test_backward_1": "sign flipped"}),
            _sub("cy", {"test_backward_2": "a sum where a mean was meant"}),
            _sub("dee", {})]
    assert mistake_report.counts(subs) == {("03-two-layer-backprop", "backward", "sign flipped"): 2,
                                           ("03-two-layer-backprop", "backward", "a sum where a mean was meant"): 1}
    report.write(tmp_path, subs)
    rows = {r[0]: r for r in (line.split(",") for line in (tmp_path / "grades.csv").read_text().splitlines())}
    assert rows["student"][-1] == "likely_mistakes"
    assert rows["ada"][-1] == "backward: sign flipped" and rows["dee"][-1] == ""
    assert (tmp_path / "grades.png").stat().st_size > 10_000
    assert "    2  03-two-layer-backprop / backward: sign flipped" in report.summary(subs)


def _check_labels(code):
    """The labels of the check_* calls in ``code`` whose label is a literal string."""
    labels = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in mistakes.CHECKS \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            labels.add(node.args[0].value)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check_true" and len(node.args) > 1 \
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
            labels.add(mistakes._NUMBER.sub("#", node.args[1].value))
    return labels


def test_the_shipped_file_holds_no_check_of_a_hidden_test():
    """Students have helpers/mistakes.json: a hidden check's label with its wrong values would
    hand out the hidden input (and often the right value, one step from a wrong one)."""
    hidden, visible = set(), set()
    for assignment in built_assignments():
        for cell in read(source_path(assignment)).cells:
            if cell.cell_type == "code" and "### BEGIN HIDDEN TESTS" in cell.source:
                shown, _, lines = split_hidden(cell.source)
                visible |= _check_labels(shown)
                hidden |= _check_labels(textwrap.dedent("\n".join(lines)))
    secret = hidden - visible
    assert secret, "no hidden check found: the test would pass vacuously"
    shipped = {key.split("|")[1] for key in json.loads(mistakes.DATA.read_text())["checks"]}
    assert not shipped & secret, sorted(shipped & secret)[:10]

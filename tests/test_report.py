"""autograder.report on in-memory submissions: pending hand grading, what counts as graded,
grades.csv keeping earlier rows, the summary's sections."""
import csv

from autograder import report
from autograder.course import Submission


def _sub(student="s1", scores=None, status=None, **kw):
    sub = Submission("02-chain-rule", student, {"chain_rule": None}, status=status or {"chain_rule": "ok"}, **kw)
    sub.scores = scores or {}
    return sub


def test_written_answers_are_pending_not_zero(tmp_path):
    sub = _sub(scores={("chain_rule", "test_sigmoid"): (2.0, 2.0, False),
                       ("chain_rule", "relu_simplification"): (0.0, 2.0, True)})
    assert report.graded(sub) and report.pending_exercises(sub) == {"relu_simplification": 2.0}
    report.write_csv(tmp_path / "grades.csv", [sub])
    row = next(csv.DictReader(open(tmp_path / "grades.csv")))
    assert row["relu_simplification"] == "pending" and row["sigmoid"] == "2" and row["pending"] == "2"
    text = report.summary([sub])
    assert "2/4 (2 pending)" in text and "ok;pending" in text and "1 of 1 submissions graded" in text


def test_a_notebook_worth_no_points_is_graded_and_a_missing_one_scores_zero():
    assert report.graded(_sub(scores={}))
    missing = _sub(scores={("chain_rule", "test_sigmoid"): (0.0, 2.0, False)}, status={"chain_rule": "missing"})
    assert report.graded(missing) and report.total(missing) == (0.0, 2.0)


def test_notebooks_sharing_grade_ids_add_up():
    sub = _sub(scores={("p1", "bar"): (1.0, 1.0, False), ("p2", "bar"): (0.0, 1.0, False)})
    assert report.total(sub) == (1.0, 2.0)


def test_rows_of_earlier_runs_are_kept_with_their_words(tmp_path):
    old = _sub("s2", scores={("chain_rule", "test_sigmoid"): (0.0, 2.0, False)}, reasons=["test_sigmoid: 0 points: x"],
               notes=["graded chain_rule (1).ipynb as chain_rule.ipynb"])
    report.write_csv(tmp_path / "grades.csv", [old])
    rows = report.read_csv(tmp_path / "grades.csv")
    kept = report.Kept("02-chain-rule", "s2", old.scores, rows["02-chain-rule", "s2"])
    assert kept.reasons == old.reasons and kept.notes == old.notes and report.graded(kept)
    assert report.everyone([old], None, rows) == [old]


def test_the_summary_has_notes_and_the_process_budget():
    sub = _sub(notes=["test_sigmoid appeared 2 times"], budget="cgroup v1 pids and RLIMIT_NPROC 256")
    text = report.summary([sub])
    assert "Notes (" in text and "test_sigmoid appeared 2 times" in text
    assert "Process budget per sandbox (a fork bomb): cgroup v1 pids and RLIMIT_NPROC 256" in text

"""autograder.report on in-memory submissions: pending hand grading, what counts as graded,
grades.json keeping what the grader found past `nbgrader export`, the summary's sections, lines
cut at a word, the picture's legend."""
import csv
from types import SimpleNamespace

from autograder import explain, report
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


def _graded_earlier():
    return _sub("s2", scores={("chain_rule", "test_sigmoid"): (0.0, 2.0, False)}, reasons=["test_sigmoid: 0 points: x"],
                notes=["graded chain_rule (1).ipynb as chain_rule.ipynb"], flags=["code reads the input history"],
                mistakes={"test_sigmoid": "sign flipped"}, budget="cgroup v2 pids and RLIMIT_NPROC 256")


def _words(sub):
    return (report._status(sub), sub.flags, sub.reasons, sub.notes, sub.mistakes, sub.budget)


def test_what_the_grader_found_outlives_nbgrader_export(tmp_path):
    old = _graded_earlier()
    report.write(tmp_path, [old])
    # `nbgrader export` writes its own grades.csv over ours.
    (tmp_path / "grades.csv").write_text("assignment,duedate,timestamp,student_id,last_name,first_name,email,"
                                         "raw_score,late_submission_penalty,score,max_score\n"
                                         "02-chain-rule,,,s2,,,,0.0,0.0,0.0,2.0\n")
    kept = report.Kept("02-chain-rule", "s2", old.scores, report.read_carried(tmp_path)["02-chain-rule", "s2"])
    assert _words(kept) == ("ok", ["code reads the input history"], ["test_sigmoid: 0 points: x"],
                            ["graded chain_rule (1).ipynb as chain_rule.ipynb"], {"test_sigmoid": "sign flipped"},
                            "cgroup v2 pids and RLIMIT_NPROC 256")
    assert report.graded(kept) and report.everyone([old], None, {}) == [old]
    report.write_csv(tmp_path / "again.csv", [kept])
    row = next(csv.DictReader(open(tmp_path / "again.csv")))
    assert (row["problems"], row["notes"], row["flags"], row["likely_mistakes"]) == (
        "test_sigmoid: 0 points: x", "graded chain_rule (1).ipynb as chain_rule.ipynb",
        "code reads the input history", "sigmoid: sign flipped")


def test_a_course_graded_before_grades_json_keeps_the_words_of_its_csv(tmp_path):
    old = _graded_earlier()
    report.write_csv(tmp_path / "grades.csv", [old])
    kept = report.Kept("02-chain-rule", "s2", old.scores, report.read_carried(tmp_path)["02-chain-rule", "s2"])
    assert (kept.reasons, kept.notes, kept.flags, kept.mistakes) == (
        ["test_sigmoid: 0 points: x"], ["graded chain_rule (1).ipynb as chain_rule.ipynb"],
        ["code reads the input history"], {"sigmoid": "sign flipped"})


def test_problem_lines_are_cut_at_a_word_without_the_likely_mistake():
    error = ("CheckFailed: tanh_derivative([-1, 0, 0.5]) is not the expected value.\n  expected: [0.41997434, 1.0, "
             "0.78644773]\n  got:      [-0.41997434, -1.0, -0.78644773]\n  hint:     tanh'(z) = 1 - tanh(z)**2\n"
             "  Likely mistake: sign flipped: every number has the right size but the opposite sign.")
    assert explain.error_text(error) == (
        "CheckFailed: tanh_derivative([-1, 0, 0.5]) is not the expected value. expected: [0.41997434, 1.0, "
        "0.78644773] got: [-0.41997434, -1.0, -0.78644773] hint: tanh'(z) = 1 - tanh(z)**2")
    assert explain.shorten("the gradient of the loss with respect to every weight", 30) == "the gradient of the loss with…"
    assert explain.shorten("x" * 50, 10) == "xxxxxxxxx…"  # one word longer than the line: cut inside


def test_a_written_answer_left_as_released_is_not_blamed_on_a_test_cell():
    grade = SimpleNamespace(cell=SimpleNamespace(cell_type="markdown"), auto_score=0, needs_manual_grade=False)
    assert explain.zero(grade, None) == "not answered (the written answer is as the release gave it)"


def test_the_picture_legend_names_every_bar_and_covers_none():
    subs = [_sub(f"s{k}", scores={("chain_rule", "test_sigmoid"): (float(k), 2.0, False),
                                   ("chain_rule", "test_forward"): (1.0, 1.0, False),
                                   ("chain_rule", "relu_simplification"): (0.0, 2.0, True)}) for k in range(3)]
    fig = report.draw_picture(subs)
    fig.canvas.draw()
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["full points", "partial points", "no points",
                                                          "pending (hand grading)"]
    box = legend.get_window_extent()
    assert not any(box.overlaps(ax.get_window_extent()) for ax in fig.axes)
    report.prepare().close(fig)


def test_the_summary_has_notes_and_the_process_budget():
    sub = _sub(notes=["test_sigmoid appeared 2 times"], budget="cgroup v1 pids and RLIMIT_NPROC 256")
    text = report.summary([sub])
    assert "Notes (" in text and "test_sigmoid appeared 2 times" in text
    assert "Process budget per sandbox (a fork bomb): cgroup v1 pids and RLIMIT_NPROC 256" in text


def test_a_failed_autograde_is_not_counted_as_graded_though_its_cells_scored_zero():
    failed = _sub(scores={("chain_rule", "test_sigmoid"): (0.0, 2.0, False)}, status={"chain_rule": "not_graded"},
                  reasons=["nbgrader autograde failed: NbGraderException"])
    assert not report.graded(failed)
    assert "1 of 2 submissions graded" in report.summary([failed, _sub(student="s2")])

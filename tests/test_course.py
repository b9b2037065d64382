"""autograder.course: nbgrader's step lists, derived from its own defaults; the run's config."""
import pytest
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import Execute

from autograder import course, preprocessors
from autograder.feedback import HideHiddenTests

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def test_autograde_is_nbgraders_list_with_execute_replaced_by_ours():
    default = Autograde.class_traits()["autograde_preprocessors"].default()
    steps = course.autograde_steps()
    at = default.index(Execute)
    assert steps[:at] == default[:at] and steps[at + 2:] == default[at + 1:]
    assert steps[at:at + 2] == [preprocessors.UsePreExecuted, preprocessors.JudgeEvidence]


def test_a_course_that_configures_its_own_list_keeps_it():
    steps = course.autograde_steps(["nbgrader.preprocessors.Execute", "nbgrader.preprocessors.SaveAutoGrades"])
    assert steps == [preprocessors.UsePreExecuted, preprocessors.JudgeEvidence, "nbgrader.preprocessors.SaveAutoGrades"]
    with pytest.raises(ValueError, match="must hold Execute once"):
        course.autograde_steps(["nbgrader.preprocessors.SaveAutoGrades"])


def test_a_grading_runs_config_binds_the_preprocessors_to_its_store(tmp_path):
    store = preprocessors.RunStore()
    cfg = course.load_config(tmp_path, store)
    assert cfg.BoundToRun.store is store and preprocessors.JudgeEvidence in cfg.Autograde.autograde_preprocessors
    plain = course.load_config(tmp_path)
    assert "autograde_preprocessors" not in plain.Autograde and "store" not in plain.BoundToRun


def test_sanitizing_follows_nbgraders_list_and_the_courses_config(tmp_path):
    assert course.sanitize_steps(course.load_config(tmp_path)) == \
        Autograde.class_traits()["sanitize_preprocessors"].default()
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nc.Autograde.sanitize_preprocessors = ['nbgrader.preprocessors.ClearOutput']\n")
    assert course.sanitize_steps(course.load_config(tmp_path)) == ["nbgrader.preprocessors.ClearOutput"]


def test_the_courses_feedback_is_nbgraders_list_with_hidden_tests_removed_after_the_grades_are_read():
    default = GenerateFeedback.class_traits()["preprocessors"].default()
    steps = course.load_config(ROOT).GenerateFeedback.preprocessors
    assert [s for s in steps if s != "autograder.feedback.HideHiddenTests"] == default
    names = [getattr(s, "__name__", s) for s in steps]
    assert names.index("autograder.feedback.HideHiddenTests") == names.index("GetGrades") + 1
    assert HideHiddenTests  # the dotted name above is importable


def test_macos_resource_folders_and_hidden_folders_are_no_students(tmp_path):
    for name in ("alice", "__MACOSX", ".ipynb_checkpoints", "bob"):
        (tmp_path / "submitted" / name / "02-chain-rule").mkdir(parents=True)
    (tmp_path / "submitted" / ".DS_Store").write_text("")
    api = type("Api", (), {"coursedir": type("Dir", (), {"root": str(tmp_path), "submitted_directory": "submitted"})})
    assert [p.name for p in course._student_dirs(api)] == ["alice", "bob"]

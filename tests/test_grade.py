"""autograder.grade: the plan, made once before anything starts."""
import pytest

from autograder import course, grade
from autograder.options import Options


@pytest.fixture
def gradebook(monkeypatch):
    known = {"a1": ["nb"], "a2": ["nb", "extra"]}
    folders = {"a1": ["alice", "bob"], "a2": ["alice"]}
    monkeypatch.setattr(course, "gradebook_notebooks", lambda api, a: known.get(a))
    monkeypatch.setattr(course, "submitted_assignments", lambda api: sorted(folders))
    monkeypatch.setattr(course, "find_submissions", lambda api, a, notebooks, unpacked=None: [
        course.Submission(a, s, {nb: None for nb in notebooks}) for s in folders[a]])


def test_the_plan_holds_every_submitted_assignment_and_its_notebooks(gradebook):
    plan = grade.plan(None, Options())
    assert plan.notebooks == {"a1": ["nb"], "a2": ["nb", "extra"]}
    assert [s.key for s in plan.submissions] == [("a1", "alice"), ("a1", "bob"), ("a2", "alice")]
    assert plan.notebook_count == 4


def test_the_plan_keeps_only_the_students_and_assignments_asked_for(gradebook):
    plan = grade.plan(None, Options(assignments=("a1",), students=("bob",)))
    assert plan.notebooks == {"a1": ["nb"]} and [s.key for s in plan.submissions] == [("a1", "bob")]


def test_an_assignment_the_gradebook_does_not_know_stops_the_run(gradebook):
    with pytest.raises(grade.GradingError, match="nbgrader generate_assignment a9"):
        grade.plan(None, Options(assignments=("a9",)))


def test_a_student_asked_for_without_a_submission_stops_the_run_with_the_closest_names(gradebook):
    with pytest.raises(grade.GradingError) as err:
        grade.plan(None, Options(assignments=("a1",), students=("alcie",)))
    assert str(err.value) == ("no submission of a1 by 'alcie' (did you mean 'alice'?) under submitted/; "
                              "students with one: alice, bob")
    # A student with a submission of one of the assignments graded is no typo.
    assert [s.key for s in grade.plan(None, Options(students=("bob",))).submissions] == [("a1", "bob")]

"""The goal, on wrong answers the diagnosis has never seen: >= 80 % named, >= 90 % of those right."""
import pytest

from autograder import catalogue, diagnose_unseen
from course import built_assignments


def test_unseen_answers_are_kept_out_of_the_catalogue():
    unseen = diagnose_unseen.cases()
    assert len(unseen) >= 30
    assert diagnose_unseen.UNSEEN not in catalogue.CORPUS.parents and catalogue.CORPUS != diagnose_unseen.UNSEEN
    corpus = {p.read_text() for p in catalogue.wrong_files()}
    assert not any(p.read_text() in corpus for p in unseen)
    for path in unseen:
        assert diagnose_unseen.real_mistake(path)


@pytest.mark.slow
def test_the_goal_on_unseen_wrong_answers():
    rows = diagnose_unseen.measure(set(built_assignments()), log=print)
    named, right = diagnose_unseen.rates(rows)
    print(f"{len(rows)} unseen wrong answers: {named:.0%} named, {right:.0%} of those right")
    assert named >= diagnose_unseen.NAMED_GOAL, f"only {named:.0%} got a Likely mistake line"
    assert right >= diagnose_unseen.RIGHT_GOAL, f"only {right:.0%} of the named mistakes are the real one"

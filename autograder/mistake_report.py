"""The instructor's view of the diagnoses: per exercise, how many students made each mistake.

Reads ``Submission.mistakes`` (grade id -> the likely mistake's short name, filled while
grading, ``autograder.diagnose``); ``report`` puts the counts into ``grades.csv``, ``grades.png``
and the summary.
"""
import collections
import re

from autograder.text import shorten

_TEST_ID = re.compile(r"^test_(?P<ex>.+?)(_\d+)?$")


def _exercise(grade_id):
    m = _TEST_ID.match(grade_id)
    return m.group("ex") if m else grade_id


def of_submission(sub):
    """``{exercise: [mistake name, ...]}`` for one submission (each name once per exercise)."""
    found = {}
    for grade_id, name in getattr(sub, "mistakes", {}).items():
        names = found.setdefault(_exercise(grade_id), [])
        if name not in names:
            names.append(name)
    return found


def csv_cell(sub):
    """``"backward: sign flipped; forward: shape transposed"`` for the submission's row."""
    return "; ".join(f"{ex}: {name}" for ex, names in of_submission(sub).items() for name in names)


def counts(submissions, assignment=None):
    """``{(assignment, exercise, mistake name): number of students}``, most frequent first."""
    tally = collections.Counter()
    for sub in submissions:
        if assignment is None or sub.assignment == assignment:
            for ex, names in of_submission(sub).items():
                tally.update((sub.assignment, ex, name) for name in names)
    return dict(tally.most_common())


def summary_lines(submissions, top=20):
    """Lines for the text summary: the most frequent mistakes of the class."""
    found = counts(submissions)
    if not found:
        return []
    lines = ["", "Likely mistakes (students per exercise):"]
    lines += [f"  {n:3d}  {a} / {ex}: {name}" for (a, ex, name), n in list(found.items())[:top]]
    return lines


def draw(ax, submissions, assignment, top=8):
    """A horizontal bar per named mistake of one assignment: how many students made it."""
    found = list(counts(submissions, assignment).items())[:top]
    ax.set_title(f"{assignment}: likely mistakes", fontsize="medium")
    if not found:
        ax.text(0.5, 0.5, "no mistake named", ha="center", va="center", transform=ax.transAxes, color="0.4")
        ax.set_axis_off()
        return
    labels = [f"{ex}: {shorten(name, 40)}" for (_, ex, name), _ in found]
    ax.barh(labels, [n for _, n in found], color="#5a7fb5")
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize="small")
    ax.set_xlabel("students")
    ax.xaxis.get_major_locator().set_params(integer=True)

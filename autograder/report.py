"""What the instructor reads after grading: ``grades.csv``, ``grades.png`` and the summary table."""
import csv
import pathlib
import re

from autograder import mistake_report

_TEST_ID = re.compile(r"^test_(?P<ex>.+?)(_\d+)?$")


def exercise_of(grade_id):
    """``test_forward_2`` -> ``forward``; a written answer's id is its own exercise."""
    m = _TEST_ID.match(grade_id)
    return m.group("ex") if m else grade_id


def by_exercise(sub):
    """``{exercise: (score, max)}`` in notebook order."""
    out = {}
    for grade_id, (score, max_score) in sub.scores.items():
        s, m = out.get(exercise_of(grade_id), (0.0, 0.0))
        out[exercise_of(grade_id)] = (s + (score or 0.0), m + (max_score or 0.0))
    return out


def total(sub):
    per = by_exercise(sub).values()
    return sum(s for s, _ in per), sum(m for _, m in per)


def graded(sub):
    return bool(sub.scores) and all(score is not None for score, _ in sub.scores.values())


def _fmt(x):
    return f"{x:g}"


def write_csv(path, submissions):
    exercises = []
    for sub in submissions:
        exercises += [e for e in by_exercise(sub) if e not in exercises]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["student", "assignment", "score", "max_score", *exercises, "status", "flags", "problems",
                    "likely_mistakes"])
        for sub in sorted(submissions, key=lambda s: (s.assignment, s.student)):
            per = by_exercise(sub)
            score, max_score = total(sub)
            status = ";".join(sorted(set(sub.status.values()))) or "ok"
            w.writerow([sub.student, sub.assignment, _fmt(score), _fmt(max_score),
                        *[_fmt(per[e][0]) if e in per else "" for e in exercises],
                        status, "; ".join(sub.flags), "; ".join(sub.reasons), mistake_report.csv_cell(sub)])


def prepare():
    """Import matplotlib now (a third of a second), while the grader only waits for kernels."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def write_picture(path, submissions):
    """Per assignment, per exercise: the share of the class with full, partial and no points."""
    plt = prepare()

    assignments = sorted({s.assignment for s in submissions})
    fig, axes = plt.subplots(len(assignments), 2, squeeze=False, width_ratios=(3, 2),
                             figsize=(13, 1.2 + 0.45 * max(len(by_exercise(s)) for s in submissions) * len(assignments)))
    colours = {"full": "#2a9d48", "partial": "#e9a825", "none": "#d1495b"}
    for ax, assignment in zip(axes[:, 0], assignments):
        subs = [s for s in submissions if s.assignment == assignment]
        exercises = list(by_exercise(subs[0]))
        counts = {k: [] for k in colours}
        for ex in exercises:
            pairs = [by_exercise(s).get(ex, (0.0, 1.0)) for s in subs]
            full = sum(1 for s, m in pairs if m and s >= m)
            none = sum(1 for s, m in pairs if not s)
            counts["full"].append(full / len(subs))
            counts["none"].append(none / len(subs))
            counts["partial"].append((len(subs) - full - none) / len(subs))
        left = [0.0] * len(exercises)
        for kind, colour in colours.items():
            ax.barh(exercises, counts[kind], left=left, color=colour, label=f"{kind} points")
            left = [a + b for a, b in zip(left, counts[kind])]
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_title(f"{assignment}: {len(subs)} submissions")
        ax.set_xlabel("share of the class")
        mistake_report.draw(axes[assignments.index(assignment), 1], subs, assignment)
    axes[0, 0].legend(loc="lower right", fontsize="small", framealpha=0.9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(root, submissions):
    root = pathlib.Path(root)
    write_csv(root / "grades.csv", submissions)
    write_picture(root / "grades.png", submissions)


def summary(submissions):
    """A plain-text table: one line per submission, then what went wrong and what looked like tampering."""
    rows = [("student", "assignment", "score", "status")]
    for sub in sorted(submissions, key=lambda s: (s.assignment, s.student)):
        score, max_score = total(sub)
        rows.append((sub.student, sub.assignment, f"{_fmt(score)}/{_fmt(max_score)}",
                     ";".join(sorted(set(sub.status.values()))) or "ok"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    problems = [(s, s.reasons) for s in submissions if s.reasons]
    if problems:
        lines += ["", "What went wrong:"]
        lines += [f"  {s.student} / {s.assignment}: {r}" for s, rs in problems for r in rs]
    flagged = [s for s in submissions if s.flags]
    if flagged:
        lines += ["", "Possible tampering (points are decided by the judge regardless):"]
        lines += [f"  {s.student} / {s.assignment}: {'; '.join(s.flags)}" for s in flagged]
    lines += mistake_report.summary_lines(submissions)
    graded_count = sum(graded(s) for s in submissions)
    lines += ["", f"{graded_count} of {len(submissions)} submissions graded; grades.csv and grades.png written."]
    return "\n".join(lines)

"""What the instructor reads after grading: ``grades.csv``, ``grades.png`` and the summary table.

``grades.csv`` and ``grades.png`` cover every submission in the gradebook, not only this run's:
a regrade of one student (``--student``) or of one assignment keeps everyone and everything
else. Scores come from the gradebook; what the grader found beyond them (status, problems,
notes, tampering flags, likely mistakes, the process budget) is kept in ``grades.json``, a file
of our own, because plain ``nbgrader export`` writes its own ``grades.csv`` over ours. Written
answers waiting for hand grading are shown as pending, never as zero.
"""
import csv
import json
import pathlib
import re

from autograder import mistake_report

_TEST_ID = re.compile(r"^test_(?P<ex>.+?)(_\d+)?$")
PENDING = "pending"
COLUMNS = ["student", "assignment", "score", "max_score"]
TAIL = ["pending", "status", "flags", "problems", "notes"]
CARRIED = "grades.json"
# The bars of grades.png, in stacking order, and their legend labels.
BARS = {"full": ("full points", "#2a9d48"), "partial": ("partial points", "#e9a825"),
        "none": ("no points", "#d1495b"), PENDING: ("pending (hand grading)", "#9aa5b1")}


def exercise_of(grade_id):
    """``test_forward_2`` -> ``forward``; a written answer's id is its own exercise."""
    m = _TEST_ID.match(grade_id)
    return m.group("ex") if m else grade_id


def _entries(sub):
    """``(grade id, score, max, pending)`` of each grade (scores keyed by (notebook, id) or by id)."""
    for key, value in sub.scores.items():
        grade_id = key[1] if isinstance(key, tuple) else key
        score, max_score, pending = (tuple(value) + (False,))[:3]
        yield grade_id, score, max_score, pending


def by_exercise(sub):
    """``{exercise: (score, max)}`` in notebook order (pending grades count 0 so far)."""
    out = {}
    for grade_id, score, max_score, _ in _entries(sub):
        s, m = out.get(exercise_of(grade_id), (0.0, 0.0))
        out[exercise_of(grade_id)] = (s + (score or 0.0), m + (max_score or 0.0))
    return out


def pending_exercises(sub):
    """``{exercise: points}`` waiting for hand grading."""
    out = {}
    for grade_id, _, max_score, pending in _entries(sub):
        if pending:
            out[exercise_of(grade_id)] = out.get(exercise_of(grade_id), 0.0) + (max_score or 0.0)
    return out


def total(sub):
    per = by_exercise(sub).values()
    return sum(s for s, _ in per), sum(m for _, m in per)


def graded(sub):
    """Every autograded cell got its score (cells left for hand grading do not count).

    A notebook with no graded cell at all is graded when it ran; a missing one is not. One whose
    nbgrader autograde failed (``not_graded``) is not, even with its cells scored zero after it.
    """
    if getattr(sub, "kept", False):
        return True
    if "not_graded" in sub.status.values():
        return False
    if any(s in ("missing", "invalid", "not_graded") for s in sub.status.values()) and not sub.scores:
        return False
    if not sub.status and not sub.scores:
        return False
    return all(score is not None for _, score, _, pending in _entries(sub) if not pending)


def _fmt(x):
    return f"{x:g}"


def _status(sub):
    return ";".join(sorted(set(sub.status.values()))) or "ok"


def _score_text(sub):
    score, max_score = total(sub)
    waiting = sum(pending_exercises(sub).values())
    return f"{_fmt(score)}/{_fmt(max_score)}" + (f" ({_fmt(waiting)} pending)" if waiting else "")


# -- what the grader found, kept between runs (grades.json) ----------------------------------------
def carried(sub):
    """What ``grades.json`` keeps of one submission: everything but the scores (in the gradebook)."""
    return {"status": _status(sub), "flags": list(sub.flags), "problems": list(sub.reasons),
            "notes": list(getattr(sub, "notes", [])), "mistakes": dict(getattr(sub, "mistakes", {})),
            "budget": getattr(sub, "budget", "")}


def write_carried(path, submissions):
    """``grades.json``: ``{assignment: {student: carried(sub)}}``, sorted, for the next run to read."""
    data = {}
    for sub in sorted(submissions, key=lambda s: (s.assignment, s.student)):
        data.setdefault(sub.assignment, {})[sub.student] = carried(sub)
    tmp = pathlib.Path(str(path) + ".part")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False))
    tmp.replace(path)


def _from_csv_row(row):
    """An earlier ``grades.csv`` row of ours as ``carried`` data (a course graded before grades.json)."""
    def items(key):
        return [x for x in (row.get(key) or "").split("; ") if x]
    # "exercise: mistake; ..." as write_csv wrote it; the exercise stands in for its grade id.
    return {"status": row.get("status") or "ok", "flags": items("flags"), "problems": items("problems"),
            "notes": items("notes"), "mistakes": dict(x.split(": ", 1) for x in items("likely_mistakes") if ": " in x),
            "budget": ""}


def read_carried(root):
    """``{(assignment, student): carried data}`` of earlier runs: ``grades.json``, else our old
    ``grades.csv`` (a CSV of plain ``nbgrader export`` has none of our columns and gives nothing)."""
    root = pathlib.Path(root)
    try:
        data = json.loads((root / CARRIED).read_text())
        return {(a, s): v for a, students in data.items() for s, v in students.items() if isinstance(v, dict)}
    except (OSError, ValueError, AttributeError):
        pass
    return {key: _from_csv_row(row) for key, row in read_csv(root / "grades.csv").items() if "problems" in row}


# -- grades.csv ---------------------------------------------------------------------------------
def read_csv(path):
    """The rows of an earlier ``grades.csv`` as dicts, keyed by (assignment, student); {} if none."""
    path = pathlib.Path(path)
    if not path.exists():
        return {}
    try:
        with open(path, newline="") as f:
            return {(r.get("assignment"), r.get("student")): r for r in csv.DictReader(f)}
    except (OSError, csv.Error):
        return {}


class Kept:
    """A submission graded in an earlier run: its scores from the gradebook, its words from ``grades.json``."""

    kept = True

    def __init__(self, assignment, student, scores, saved):
        self.assignment, self.student, self.scores = assignment, student, scores
        saved = saved or {}
        self.status = {"": saved.get("status") or "ok"}
        self.flags = list(saved.get("flags") or [])
        self.reasons = list(saved.get("problems") or [])
        self.notes = list(saved.get("notes") or [])
        self.budget = saved.get("budget") or ""
        self.mistakes = dict(saved.get("mistakes") or {})


def everyone(submissions, gradebook, saved):
    """This run's submissions plus every other one the gradebook holds (``gradebook``: (db_url,
    course_id)); ``saved``: ``read_carried``'s data for those."""
    if gradebook is None:
        return list(submissions)
    from nbgrader.api import Gradebook

    ours = {(s.assignment, s.student) for s in submissions}
    kept = []
    with Gradebook(*gradebook) as gb:
        for assignment in gb.assignments:
            for submission in gb.assignment_submissions(assignment.name):
                key = (assignment.name, submission.student.id)
                if key in ours:
                    continue
                scores = {}
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        pending = bool(grade.needs_manual_grade) and grade.manual_score is None
                        scores[notebook.name, grade.name] = (grade.score, grade.max_score, pending)
                kept.append(Kept(*key, scores, saved.get(key)))
    return list(submissions) + kept


def write_csv(path, submissions):
    exercises = []
    for sub in submissions:
        exercises += [e for e in by_exercise(sub) if e not in exercises]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([*COLUMNS, *exercises, *TAIL, "likely_mistakes"])
        for sub in sorted(submissions, key=lambda s: (s.assignment, s.student)):
            per, waiting = by_exercise(sub), pending_exercises(sub)
            score, max_score = total(sub)
            cells = [PENDING if e in waiting else _fmt(per[e][0]) if e in per else "" for e in exercises]
            w.writerow([sub.student, sub.assignment, _fmt(score), _fmt(max_score), *cells,
                        _fmt(sum(waiting.values())), _status(sub), "; ".join(sub.flags), "; ".join(sub.reasons),
                        "; ".join(getattr(sub, "notes", [])), mistake_report.csv_cell(sub)])


# -- grades.png ---------------------------------------------------------------------------------
def prepare():
    """Import matplotlib now (a third of a second), while the grader only waits for kernels."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def draw_picture(submissions):
    """The figure of ``grades.png``: per assignment, per exercise, the share of the class with
    full, partial, no points, or pending; beside it, the likely mistakes. The legend sits below
    the plots, never over a bar."""
    plt = prepare()

    assignments = sorted({s.assignment for s in submissions})
    rows = max(len(by_exercise(s)) for s in submissions) or 1
    fig, axes = plt.subplots(len(assignments), 2, squeeze=False, width_ratios=(3, 2), layout="constrained",
                             figsize=(13, 1.8 + 0.45 * rows * len(assignments)))
    for ax, assignment in zip(axes[:, 0], assignments):
        subs = [s for s in submissions if s.assignment == assignment]
        exercises = []
        for s in subs:
            exercises += [e for e in by_exercise(s) if e not in exercises]
        counts = {k: [] for k in BARS}
        for ex in exercises:
            waiting = sum(1 for s in subs if ex in pending_exercises(s))
            pairs = [by_exercise(s).get(ex, (0.0, 1.0)) for s in subs if ex not in pending_exercises(s)]
            full = sum(1 for s, m in pairs if m and s >= m)
            none = sum(1 for s, m in pairs if not s)
            counts["full"].append(full / len(subs))
            counts["none"].append(none / len(subs))
            counts["partial"].append((len(pairs) - full - none) / len(subs))
            counts[PENDING].append(waiting / len(subs))
        left = [0.0] * len(exercises)
        for kind, (label, colour) in BARS.items():
            ax.barh(exercises, counts[kind], left=left, color=colour, label=label)
            left = [a + b for a, b in zip(left, counts[kind])]
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_title(f"{assignment}: {len(subs)} submissions")
        ax.set_xlabel("share of the class")
        mistake_report.draw(axes[assignments.index(assignment), 1], subs, assignment)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=len(BARS), fontsize="small", frameon=False)
    return fig


def write_picture(path, submissions):
    """``grades.png`` (``draw_picture``)."""
    plt = prepare()
    fig = draw_picture(submissions)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(root, submissions, gradebook=None):
    """``grades.json``, ``grades.csv`` and ``grades.png`` for this run's ``submissions`` and, with
    ``gradebook`` ((db_url, course_id)), every other submission it holds. Returns them all.

    ``write(root, [], gradebook)`` rewrites the three from the gradebook and ``grades.json`` alone
    (``python -m autograder report``: after hand grading, or after ``nbgrader export``)."""
    root = pathlib.Path(root)
    everything = everyone(submissions, gradebook, read_carried(root))
    write_carried(root / CARRIED, everything)
    write_csv(root / "grades.csv", everything)
    if everything:
        write_picture(root / "grades.png", everything)
    return everything


# -- the summary ----------------------------------------------------------------------------------
def summary(submissions):
    """A plain-text table: one line per submission, then what went wrong, what the grader repaired
    or noticed, what looked like tampering, and whether the process budget was active."""
    rows = [("student", "assignment", "score", "status")]
    for sub in sorted(submissions, key=lambda s: (s.assignment, s.student)):
        status = _status(sub) + (";pending" if pending_exercises(sub) else "")
        rows.append((sub.student, sub.assignment, _score_text(sub), status))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    problems = [(s, s.reasons) for s in submissions if s.reasons]
    if problems:
        lines += ["", "What went wrong:"]
        lines += [f"  {s.student} / {s.assignment}: {r}" for s, rs in problems for r in rs]
    noted = [s for s in submissions if getattr(s, "notes", None)]
    if noted:
        lines += ["", "Notes (what the grader repaired or noticed; no points were lost for these):"]
        lines += [f"  {s.student} / {s.assignment}: {n}" for s in noted for n in s.notes]
    waiting = [s for s in submissions if pending_exercises(s)]
    if waiting:
        lines += ["", f"Pending hand grading (formgrader): {len(waiting)} submissions, e.g. "
                  + ", ".join(sorted(pending_exercises(waiting[0])))]
    flagged = [s for s in submissions if s.flags]
    if flagged:
        lines += ["", "Possible tampering (points are decided by the judge regardless):"]
        lines += [f"  {s.student} / {s.assignment}: {'; '.join(s.flags)}" for s in flagged]
    budgets = sorted({getattr(s, "budget", "") for s in submissions if getattr(s, "budget", "")})
    if budgets:
        lines += ["", "Process budget per sandbox (a fork bomb): " + "; ".join(budgets)]
    elif any(s.status.get(nb) for s in submissions for nb in s.status):
        lines += ["", "Process budget per sandbox: not active (no kernel ran in a sandbox)"]
    lines += mistake_report.summary_lines(submissions)
    graded_count = sum(graded(s) for s in submissions)
    lines += ["", f"{graded_count} of {len(submissions)} submissions graded (autograded cells; answers for hand "
              "grading are pending); grades.csv and grades.png written."]
    return "\n".join(lines)

"""The goal of the diagnosis, measured on wrong answers it has never seen (tests/unseen_wrong/).

Each file there defines one exercise's functions with one realistic mistake and names the real
mistake in a module variable ``MISTAKE`` (a catalogue kind, entry id or file stem). None of them
is used to build the catalogue or the fingerprints (those come from tests/wrong/ only).
``measure()`` runs each through its exercise's test cells as a student's kernel would and reads
what feedback would say (``autograder.diagnose_eval``).

Goal: at least ``NAMED_GOAL`` of them get a ``Likely mistake:`` line, and of those at least
``RIGHT_GOAL`` name the real mistake.
"""
import ast
import pathlib
import warnings

from autograder import catalogue
from autograder.diagnose_eval import Evaluation, judge

UNSEEN = pathlib.Path(__file__).resolve().parents[1] / "tests" / "unseen_wrong"
NAMED_GOAL, RIGHT_GOAL = 0.80, 0.90


def real_mistake(path):
    """The ``MISTAKE`` a file declares."""
    for node in ast.parse(pathlib.Path(path).read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "MISTAKE" for t in node.targets):
            return node.value.value
    raise ValueError(f"{path} declares no MISTAKE")


def cases(assignments=None):
    return sorted(p for p in UNSEEN.glob("*/*/*.py") if assignments is None or p.parts[-3] in assignments)


def measure(assignments=None, log=None):
    """``[(path, real mistake, named, right, lines), ...]`` for every unseen wrong answer."""
    evaluations, rows = {}, []
    for path in cases(assignments):
        assignment, exercise = path.parts[-3], path.parts[-2]
        if assignment not in evaluations:
            evaluations[assignment] = Evaluation(assignment)
        real = real_mistake(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = evaluations[assignment].lines(path.read_text(), exercise)
        entry = catalogue.entries().get(real)  # an entry's id: its kind names the same mistake
        named, right = judge(found, real, *([entry["kind"]] if entry else []))
        lines = [t for t, _, _ in found.values() if t]
        rows.append((path, real, named, right, lines))
        if log:
            log(f"{'right' if right else 'WRONG' if named else 'none ':5s}  {assignment}/{exercise}/{path.stem}"
                f"  [{real}]" + "".join(f"\n         {t}" for t in lines if not right))
    return rows


def rates(rows):
    """``(share named, share of the named that are right)``."""
    named = [r for r in rows if r[2]]
    return len(named) / max(len(rows), 1), sum(r[3] for r in named) / max(len(named), 1)

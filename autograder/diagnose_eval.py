"""How well the diagnoses name mistakes: run code as a student's kernel would, read the lines.

``Evaluation(assignment)`` runs the solution once in this process; ``lines(code, exercise)`` then
runs an implementation of one exercise through the exercise's test cells exactly as a kernel
does (a failing visible check stops its cell, and its message carries ``helpers.mistakes``' line),
and returns what each failed cell's feedback would say: the visible check's ``Likely mistake:``
line, or else the grader's diagnosis of the records (``autograder.diagnose``). ``leave_out``
removes one wrong implementation's own fingerprints first (the leave-one-out check), so the
diagnosis has to come from its siblings or from structure.

Used by tests/test_diagnose*.py and benchmarks/bench_diagnose.py.
"""
import contextlib
import pathlib

from autograder import catalogue, diagnose, fingerprints
from autograder.judge import judge_cell
from helpers import mistakes
from helpers.mistakes import PREFIX


class Evaluation:
    def __init__(self, assignment, root=diagnose.ROOT, corpus=catalogue.CORPUS):
        self.assignment = assignment
        self.root = pathlib.Path(root)
        nb = diagnose._notebook(root, assignment)
        found = fingerprints.load(root, assignment, nb, corpus)
        if found is None:
            found = fingerprints.build(nb, assignment, corpus)
            fingerprints.store(root, assignment, nb, found, corpus)
        self.fingerprints = found
        self.solved = fingerprints.Solved(nb)
        self.entries = catalogue.entries(corpus, assignment)
        self.data = mistakes.load()
        self.sentences = {mistakes.sentence(e): (i, e["kind"]) for i, e in self.data["mistakes"].items()}
        self.sentences.update({mistakes.sentence(k): (f"kind:{name}", name) for name, k in self.data["kinds"].items()})

    def _visible_data(self, leave_out):
        if leave_out is None:
            return self.data
        checks = {key: [e for e in items if e["mistake"] != leave_out] for key, items in self.data["checks"].items()}
        return {**self.data, "checks": checks}

    def lines(self, code, exercise, leave_out=None):
        """``{grade_id: (line or None, mistake id or None, kind or None)}`` for each failed cell."""
        return self.read(self.run(code, exercise, leave_out), leave_out)

    def run(self, code, exercise, leave_out=None):
        """The exercise's test cells run on ``code`` as in a kernel (``fingerprints.Solved.try_code``)."""
        with _visible(self._visible_data(leave_out)):
            return self.solved.try_code(code, exercise, observe=False)

    def read(self, out, leave_out=None):
        """What the feedback of each failed cell of a ``run`` would say (see ``lines``)."""
        wrong = {i: fp for i, fp in self.fingerprints["wrong"].items() if i != leave_out}
        found = {}
        for gid, records in out["cells"].items():
            reference = self.solved.records[gid]
            failed = gid in out["errors"] or not judge_cell(reference, records)[0]
            if not failed:
                continue
            text = next((t.strip() for t in out["messages"].get(gid, "").splitlines()
                         if t.strip().startswith(PREFIX)), None)
            if text is not None:
                ident, kind = self.sentences.get(text[len(PREFIX):].strip(), (None, None))
                found[gid] = (text, ident, kind)
                continue
            by_id = {i: fp["cells"].get(gid, []) for i, fp in wrong.items()}
            stops = {i: fp.get("stops", {}).get(gid) for i, fp in wrong.items()}
            stop = {"error": out["errors"][gid], "text": out["messages"].get(gid, "")} if gid in out["errors"] else None
            diagnosis = diagnose.diagnose_cell(reference, records, by_id, self.entries, stop, stops)
            found[gid] = (diagnose.line(diagnosis), diagnosis["id"], diagnosis["kind"]) if diagnosis else (None, None, None)
        return found


@contextlib.contextmanager
def _visible(data):
    old = mistakes._data
    mistakes._data = data
    try:
        yield
    finally:
        mistakes._data = old


def judge(found, *real):
    """``(named, right)`` for one implementation: did any failed cell get a line, were all lines right?

    ``real``: the real mistake, as catalogue entry ids, file stems or kinds. A line is right when
    it names such an entry or a mistake of such a kind.
    """
    named = [(i, k) for _, i, k in found.values() if i is not None]
    right = bool(named) and all(any(i == r or k == r or i.endswith("/" + r) for r in real) for i, k in named)
    return bool(named), right

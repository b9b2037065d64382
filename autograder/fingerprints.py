"""Fingerprints: what each wrong implementation of the collection records and fails.

For one assignment, the source notebook runs once in this process; then each wrong
implementation ``tests/wrong/<assignment>/<exercise>/<mistake>.py`` is swapped into a copy of the
solved namespace and the exercise's test cells run again, with the visible checks *observing*
instead of raising (so the hidden part runs too). Kept per wrong implementation:

- ``cells``: ``{grade_id: [record, ...]}``, the evidence records of the hidden tests;
- ``visible``: the observation (``helpers.mistakes.observe``) of each test cell's first failed
  check, where that is in the cell's visible part (where a kernel stops): only these go into
  ``helpers/mistakes.json``, which students have;
- ``stops``: ``{grade_id: {"error": exception name, "text": its message, "check": bool,
  "hidden": bool or None}}``, the failure at which each failed cell stops in a student's kernel:
  its first failed check (``check``; ``hidden`` when it sits in the cell's hidden part), or the
  exception that ended it (``check`` False; where it arose is not known, ``hidden`` None). The grader matches a submission's own failure with these at grading
  time (``autograder.diagnose``); they hold hidden checks' messages, so they stay in this cache
  and are never written to a file that students get.

The result is cached under ``.cache/autograder/fingerprints/<assignment>/``, keyed by a hash of
the source notebook, the ``helpers`` package and the wrong implementations (and ``VERSION``), like the
solution's records (``autograder.reference``): a changed notebook, helper or collection is run
again, and a new exercise's wrong implementations are picked up. Never written by hand.
"""
import contextlib
import copy
import hashlib
import inspect
import io
import json
import os
import pathlib
import re
import subprocess
import sys
import warnings

from autograder import catalogue
from autograder.cells import nbgrader_meta
from autograder.reference import write_cache

HELPERS = pathlib.Path(__file__).resolve().parents[1] / "helpers"
# Part of the cache key: raise it when a change here changes what a fingerprint holds.
VERSION = 6
_TEST_ID = re.compile(r"^test_(?P<ex>.+?)(_\d+)?$")


def exercise_of(grade_id):
    """``test_backward_2`` -> ``backward``."""
    m = _TEST_ID.match(grade_id)
    return m.group("ex") if m else grade_id


def digest(source_nb, wrong):
    """A hash of everything a fingerprint depends on."""
    h = hashlib.sha256(f"fingerprints {VERSION}".encode())
    h.update(pathlib.Path(source_nb).read_bytes())
    h.update(catalogue.TOML.read_bytes())  # the kinds decide which stops are shared
    for path in sorted(HELPERS.rglob("*.py")) + list(wrong):
        h.update(str(path.name).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


def cache_path(root, assignment, source_nb, corpus=catalogue.CORPUS):
    key = digest(source_nb, catalogue.wrong_files(corpus, assignment))
    return pathlib.Path(root) / ".cache" / "autograder" / "fingerprints" / assignment / \
        f"{pathlib.Path(source_nb).stem}-{key}.json"


def load(root, assignment, source_nb, corpus=catalogue.CORPUS):
    """The cached fingerprints of one assignment, or None.

    Looked for under the course root, then in this checkout's own cache (``make mistakes``
    fills it): the key is a hash of the contents, so a copy of the course finds them there too.
    """
    for base in dict.fromkeys([pathlib.Path(root), catalogue.CORPUS.parents[1]]):
        path = cache_path(base, assignment, source_nb, corpus)
        if path.exists():
            return json.loads(path.read_text())
    return None


def ensure(root, assignment, source_nb, corpus=catalogue.CORPUS):
    """The fingerprints, built in a separate process when they are not cached yet.

    Returns None when the assignment has no wrong implementations (nothing to build) or the
    build failed (then grading goes on with structural diagnoses only).
    """
    if not catalogue.wrong_files(corpus, assignment) or not pathlib.Path(source_nb).exists():
        return None
    found = load(root, assignment, source_nb, corpus)
    if found is None:
        subprocess.run([sys.executable, "-m", "autograder.diagnose", "build", "--root", str(root),
                        "--corpus", str(corpus), "--hidden-only", assignment],
                       check=False, capture_output=True, cwd=str(root))
        found = load(root, assignment, source_nb, corpus)
    return found


# -- running a notebook in this process -------------------------------------------------------
def _python(source):
    # Line magics and shell escapes mean nothing outside IPython.
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


def run_cell(source, namespace):
    """Exec one cell; returns its evidence records. Output is swallowed, errors propagate."""
    from helpers import evidence
    del evidence.recorded[:]
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(_python(source), "<cell>", "exec"), namespace)
    finally:
        import matplotlib.pyplot as plt
        plt.close("all")
    return list(evidence.recorded)


def _test_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")
            and nbgrader_meta(c).get("grade_id")]


def _drawing(value):
    """A matplotlib or widget object, or an array of them (``plt.subplots``' axes)."""
    if type(value).__module__.startswith(("matplotlib", "ipywidgets")):
        return True
    return (type(value).__name__ == "ndarray" and value.dtype == object and value.size > 0
            and all(type(v).__module__.startswith("matplotlib") for v in value.flat))


def copy_namespace(namespace):
    """A copy of a solved namespace that a wrong implementation may spoil freely.

    Figures and widgets are shared: no test cell reads them, and copying the demos' figures was
    most of the cost of trying one implementation (about 0.8 s of 1 s in notebook 01).
    """
    ns = {}
    for key, value in namespace.items():
        if _drawing(value):
            ns[key] = value
            continue
        try:
            ns[key] = copy.deepcopy(value)
        except Exception:  # noqa: BLE001 - modules, generators, widgets: shared
            ns[key] = value
    return ns


def _observing(namespace, observed, hidden, first):
    """Replace the visible checks in ``namespace`` by versions that note a failure and go on.

    Only a cell's first failure is noted in ``observed``, and only in the visible part of a test
    cell. A kernel stops at the first failure, so a student sees a later check fail only after
    passing the earlier one that this wrong implementation fails: a later check's wrong value would
    name a mistake the student has just shown not to make (a forward that ignores ``activation``
    also accepts an unknown name, but a student stopped only by the unknown name uses it). ``hidden`` holds
    the line numbers of the running cell's hidden part (the caller refills it for each cell), and
    what a check sees there must never reach ``helpers/mistakes.json``, which students have.
    ``first`` (emptied by the caller for each cell) keeps the cell's first failure, hidden or not,
    as ``{"error", "text"}``: where a kernel would have stopped.
    """
    from helpers import mistakes

    for name in mistakes.CHECKS:
        check = namespace.get(name)
        if not callable(check):
            continue
        signature = inspect.signature(check)

        def observer(*args, _check=check, _name=name, _sig=signature, **kwargs):
            try:
                return _check(*args, **kwargs)
            except AssertionError as err:
                if first:  # a kernel never gets here: see the docstring
                    return None
                first.update(stop_of(err), check=True, hidden=_cell_line() in hidden)
                bound = _sig.bind(*args, **kwargs)
                bound.apply_defaults()
                found = mistakes.observe(_name, dict(bound.arguments))
                if found is not None and _cell_line() not in hidden:
                    observed.append(found)
        namespace[name] = observer


def stop_of(err):
    """``{"error": exception name, "text": message}`` of the exception that stopped a cell.

    A ``Likely mistake:`` line that a check added is left out: it comes from
    ``helpers/mistakes.json``, which a fingerprint must not depend on.
    """
    from helpers.mistakes import PREFIX
    text = "\n".join(line for line in str(err).splitlines() if not line.strip().startswith(PREFIX))
    return {"error": type(err).__name__, "text": text}


def _cell_line():
    """The line of the test cell's own code that is running (its outermost ``<cell>`` frame)."""
    line, frame = None, sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == "<cell>":
            line = frame.f_lineno
        frame = frame.f_back
    return line


@contextlib.contextmanager
def _in_notebook_dir(source_nb):
    import matplotlib
    matplotlib.use("Agg")
    old_cwd, old_env = os.getcwd(), os.environ.get("NBGRADER_EXECUTION")
    os.chdir(pathlib.Path(source_nb).parent)
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        os.chdir(old_cwd)
        if old_env is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = old_env


class Solved:
    """A source notebook run top to bottom in this process, ready to try implementations on."""

    def __init__(self, source_nb):
        import nbformat

        self.path = pathlib.Path(source_nb).resolve()
        self.nb = nbformat.read(str(self.path), as_version=4)
        self.namespace = {"__name__": "__main__"}
        self.records = {}
        with _in_notebook_dir(self.path):
            for cell in self.nb.cells:
                if cell.cell_type == "code":
                    records = run_cell(cell.source, self.namespace)
                    if nbgrader_meta(cell).get("grade") and nbgrader_meta(cell).get("grade_id"):
                        self.records[nbgrader_meta(cell)["grade_id"]] = records

    def cells_of(self, exercise):
        return [c for c in _test_cells(self.nb) if exercise_of(nbgrader_meta(c)["grade_id"]) == exercise]

    def try_code(self, code, exercise, observe=True):
        """Run ``code`` (defining the exercise's functions), then the exercise's test cells.

        Returns ``{"cells": {grade_id: records}, "errors": {grade_id: exception name},
        "visible": [observation, ...], "messages": {grade_id: failure message},
        "stops": {grade_id: {"error", "text"}}}``. With ``observe``, failed checks are noted and
        the cell goes on (``stops`` still holds the failure a kernel would have stopped at);
        without, a cell stops at its first failure as in the student's kernel and its message is kept.
        """
        from autograder.feedback import split_hidden  # (feedback imports diagnose, which imports us)

        import numpy as np

        ns = copy_namespace(self.namespace)
        observed, hidden, first = [], set(), {}
        # Wrong answers that draw from numpy's global generator give the same values on every
        # build (helpers/mistakes.json must not change when nothing it depends on did).
        np.random.seed(0)
        out = {"cells": {}, "errors": {}, "visible": [], "messages": {}, "stops": {}}
        with _in_notebook_dir(self.path):
            run_cell(code, ns)
            if observe:
                _observing(ns, observed, hidden, first)
            for cell in self.cells_of(exercise):
                gid = nbgrader_meta(cell)["grade_id"]
                hidden.clear()
                hidden.update(split_hidden(_python(cell.source))[1])
                first.clear()
                from helpers import evidence
                try:
                    out["cells"][gid] = run_cell(cell.source, ns)
                except Exception as err:  # noqa: BLE001 - any failure is part of the fingerprint
                    out["cells"][gid] = list(evidence.recorded)
                    out["errors"][gid] = type(err).__name__
                    out["messages"][gid] = str(err)
                    if not first:
                        first.update(stop_of(err), check=False, hidden=None)
                if first:
                    out["stops"][gid] = dict(first)
        out["visible"] = observed
        return out


def build(source_nb, assignment, corpus=catalogue.CORPUS, log=None):
    """Fingerprints of every wrong implementation of one assignment (see the module docstring)."""
    solved = Solved(source_nb)
    result = {"assignment": assignment, "solution": solved.records, "wrong": {}}
    for path in catalogue.wrong_files(corpus, assignment):
        exercise = path.parts[-2]
        ident = f"{assignment}/{exercise}/{path.stem}"
        if not solved.cells_of(exercise):
            continue
        try:
            found = solved.try_code(path.read_text(), exercise)
        except Exception as err:  # noqa: BLE001 - a wrong file that does not even define its function
            found = {"cells": {}, "errors": {"": type(err).__name__}, "visible": [], "messages": {}, "stops": {}}
        found.pop("messages", None)
        result["wrong"][ident] = found
        if log:
            log(f"  {ident}: {sum(len(r) for r in found['cells'].values())} records, "
                f"{len(found['visible'])} visible failures")
    _mark_shared_stops(result["wrong"], catalogue.entries(corpus, assignment))
    return result


def _mark_shared_stops(wrong, entries):
    """Mark (``"shared": True``) each stop that a mistake of another kind stops at too.

    Such a stop names neither mistake (``autograder.diagnose``): a generic message ("the fit
    differs from the docstring's recipe") is where several initialisation mistakes stop. Marked
    here, from the whole collection, it stays unnamed when one of them is left out too.
    """
    from autograder.diagnose import same_mistake_text, same_stop  # (diagnose imports this module)

    by_cell = {}
    for ident, fp in wrong.items():
        for gid, stop in fp.get("stops", {}).items():
            by_cell.setdefault(gid, []).append((ident, stop))
    for stops in by_cell.values():
        for ident, stop in stops:
            if any(other != ident and ident in entries and other in entries and
                   not same_mistake_text(entries[ident], entries[other]) and same_stop(stop, theirs)
                   for other, theirs in stops):
                stop["shared"] = True


def store(root, assignment, source_nb, result, corpus=catalogue.CORPUS):
    path = cache_path(root, assignment, source_nb, corpus)
    write_cache(path, result)
    return path

"""Name the likely mistake behind a failed test cell, without showing the test.

The grader holds, for every test cell, the solution's records (``autograder.reference``) and the
records of each wrong implementation of the collection (``autograder.fingerprints``). When a
student's cell fails, ``diagnose_cell`` compares the student's records with each wrong
implementation's under the judge's own rules (``autograder.judge.verdict``):

1. a *stop* matches when the student's cell stopped where the wrong implementation's stops in a
   kernel, with the same message: the same failed hidden check showing the same numbers, or the
   same exception with the same text (a failed visible check is named in the kernel already). What a hidden check says is known to the
   grader only (the fingerprints' cache), never to the student's kernel;
2. else a *fingerprint* matches when every record the wrong implementation gets wrong, the student
   gets wrong in the same way: the same value (close/equal rules) or the same failed bound. A wrong
   implementation that records nothing wrong (it only raises) is matched by its stop alone;
3. otherwise a *structural* relation between the student's values and the solution's
   (``helpers.structural``: sign flipped, transposed, a whole-number factor off, ...), or a record
   of the arguments after the call that differs (modified in place).

A cell that stopped at ``NotImplementedError`` (an exercise not solved yet) is never diagnosed.

The result is a catalogue entry (``autograder.catalogue``): a name and an explanation written for
students, never a value, an input or a line of the hidden test. ``line`` makes it the one line
that feedback shows, starting with ``Likely mistake:``.

Command line (the Makefile's ``make mistakes``)::

    python -m autograder.diagnose build [ASSIGNMENT ...]   # fingerprints + helpers/mistakes.json
    python -m autograder.diagnose check                     # exit 1 when helpers/mistakes.json is stale
"""
import argparse
import functools
import hashlib
import json
import math
import pathlib
import re
import sys

from autograder import catalogue, fingerprints
from autograder.cells import has_error, test_id
from autograder.judge import verdict
from helpers import structural
from helpers.evidence import decode
from helpers.mistakes import _NUMBER, DATA, PREFIX, sentence
from helpers.mistakes import matches as mistakes_matches
from helpers.mistakes import name_of as mistakes_name_of

ROOT = pathlib.Path(__file__).resolve().parents[1]
VALUE_RULES = ("close", "equal")
# The failure of an exercise not written yet (the release's stubs raise it): nothing to diagnose.
UNSOLVED = "NotImplementedError"
# Rules whose failure says only "the result is not good enough": too weak alone to name a mistake.
QUALITY_RULES = ("accuracy_at_least", "mse_at_most")
# Records of a function's arguments after the call, by the names the notebooks give them
# ("arguments after an RMSProp step", "params after backward", "grads after the call, ..."):
# a wrong value there means the function changed what it was given. Not "sq_avg after 6 steps"
# or "probabilities after training ...": those are results.
_ARGUMENTS_AFTER = re.compile(
    r"^(?:arguments|given state|params|grads|X and params|W|theta0|training data|sine data) after (?!\d)")
# Messages are compared with their numbers apart: printed to 6 digits, they may differ in the last.
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]+\b")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def line(diagnosis):
    """``"Likely mistake: <name> (<keys>). <Explanation>"`` for a diagnosis (see ``diagnose_cell``)."""
    return f"{PREFIX} {sentence(diagnosis, ', '.join(diagnosis.get('keys') or []))}"


def _by_name(records):
    found = {}
    for rec in records or []:
        if isinstance(rec, dict) and isinstance(rec.get("name"), str):
            found.setdefault(rec["name"], rec)  # the first record counts, as for the judge
    return found


def _failing(reference, by_name):
    """``{record name: "missing" | "wrong"}`` for the records that do not pass the judge."""
    out = {}
    for ref in reference:
        rec = by_name.get(ref["name"])
        if rec is None or "value" not in rec:
            out[ref["name"]] = "missing"
        elif not verdict(ref, rec)[0]:
            out[ref["name"]] = "wrong"
    return out


def _same_mistake(reference, refs, student_fail, student, wrong_fail, wrong):
    """``(matches, value_hits)``: does the student fail every record the wrong code fails, alike?"""
    hits = 0
    for name, state in wrong_fail.items():
        ref = refs[name]
        if state == "missing" or ref["rule"] not in VALUE_RULES:
            if name not in student_fail or (state == "missing") != (student_fail[name] == "missing"):
                return False, 0
            continue
        rec = student.get(name)
        if rec is None or "value" not in rec or name not in student_fail:
            return False, 0
        if not verdict({**ref, "value": wrong[name]["value"]}, rec)[0]:
            return False, 0
        hits += 1
    return True, hits


def _stop_form(stop):
    """``(exception name, message with # for each number, [numbers])``, or None when the stop says nothing."""
    if not isinstance(stop, dict) or not stop.get("error") or stop["error"] == UNSOLVED:
        return None
    lines = _ANSI.sub("", str(stop.get("text", ""))).splitlines()
    text = _ADDRESS.sub("0x", "\n".join(t.rstrip() for t in lines if not t.strip().startswith(PREFIX))).strip()
    template = _NUMBER.sub("#", text)
    if not re.search(r"[A-Za-z]", template):  # an empty message (a bare assert): any mistake could stop there
        return None
    return stop["error"], template, [float(n) for n in _NUMBER.findall(text)]


def _names_by_stop(stop, ident=None):
    """Whether a wrong implementation's stop may name it: a failed check in a test cell's hidden
    part, an exception, or a visible check that states a fact without numbers ("... should raise
    ValueError"). A visible check that prints values is named in the student's kernel already, from
    ``helpers/mistakes.json`` (exact values at full precision); its printed message, rounded, could
    stand for several mistakes (a relative error of 1 for a flipped sign and for zeros). The
    exception: an entry ``ident`` of a grader-only exercise (``catalogue.grader_only``), which the
    kernel never names, so only its stop can. A stop that mistakes of other kinds share
    (``"shared"``, marked by ``fingerprints.build``) names none."""
    if not isinstance(stop, dict) or stop.get("shared"):
        return False
    if stop.get("hidden") or not stop.get("check") or (ident is not None and catalogue.is_grader_only(ident)):
        return True
    return not _NUMBER.search(str(stop.get("text", "")).split("\n  hint:")[0])


def same_stop(mine, theirs):
    """Whether two cells stopped at the same failure with the same message (numbers to 5 digits)."""
    a, b = _stop_form(mine), _stop_form(theirs)
    if a is None or b is None or a[:2] != b[:2] or len(a[2]) != len(b[2]):
        return False
    return all(math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-12) or (math.isnan(x) and math.isnan(y))
               for x, y in zip(a[2], b[2]))


def same_mistake_text(a, b):
    """Whether two catalogue entries get the same line: the same sentence, or a shared general kind."""
    return sentence(a) == sentence(b) or (a["kind"] == b["kind"] and a["kind"] in catalogue.kinds())


def _entry_diagnosis(entry, how):
    return {"id": entry["id"], "name": entry["name"], "explain": entry["explain"], "kind": entry["kind"],
            "how": how, "keys": []}


def _kind_diagnosis(kind, how, keys=()):
    text = catalogue.kinds()[kind]
    return {"id": f"kind:{kind}", "name": text["name"], "explain": text["explain"], "kind": kind,
            "how": how, "keys": list(keys)}


def _one(candidates, how):
    """One diagnosis from matching entries: theirs if they all say the same, their shared kind, or None."""
    sentences = {(e["name"], e["explain"]): e for e in candidates}
    if len(sentences) == 1:
        return _entry_diagnosis(next(iter(sentences.values())), how)
    kinds = {e["kind"] for e in candidates}
    if len(kinds) == 1 and next(iter(kinds)) in catalogue.kinds():
        return _kind_diagnosis(next(iter(kinds)), how)
    return None


def diagnose_cell(reference, student_records, wrong, entries, stop=None, wrong_stops=None):
    """The likely mistake behind one failed test cell, or None.

    reference: the solution's records of the cell; student_records: the student's;
    wrong: ``{entry id: that wrong implementation's records of the cell}``;
    entries: ``{entry id: catalogue entry}``; stop: ``{"error": exception name, "text": message}``
    of the failure the student's cell stopped at (None: it did not stop, or it is not known);
    wrong_stops: ``{entry id: the same for that wrong implementation}``. Returns ``{"id", "name",
    "explain", "kind", "how", "keys"}`` (``how``: ``stop``, ``fingerprint`` or ``structure``;
    ``keys``: names of the parts of a result where a structural relation shows). A cell whose
    records all pass, or that stopped at ``NotImplementedError``, gets None.
    """
    if isinstance(stop, dict) and stop.get("error") == UNSOLVED:
        return None
    refs = {r["name"]: r for r in reference}
    student = _by_name(student_records)
    student_fail = _failing(reference, student)
    if not student_fail:
        return None
    stopped = [entries[i] for i, theirs in (wrong_stops or {}).items()
               if i in entries and _names_by_stop(theirs, i) and same_stop(stop, theirs)]
    if stopped:
        found = _one(stopped, "stop")
        if found:
            return found
    strong, weak = [], []
    for ident, records in wrong.items():
        if ident not in entries:
            continue
        theirs = _by_name(records)
        wrong_fail = _failing(reference, theirs)
        if "wrong" not in wrong_fail.values():  # records nothing wrong: only its stop can name it
            continue
        ok, hits = _same_mistake(reference, refs, student_fail, student, wrong_fail, theirs)
        if not ok:
            continue
        exact = set(wrong_fail) == set(student_fail)
        if hits:
            strong.append((exact, entries[ident]))
        elif exact and any(state == "wrong" and refs[n]["rule"] not in QUALITY_RULES for n, state in wrong_fail.items()):
            weak.append(entries[ident])
    exact_strong = [e for exact, e in strong if exact]
    for group in (exact_strong, [e for _, e in strong], weak):
        if group:
            found = _one(group, "fingerprint")
            if found:
                return found
    return _structural(refs, student_fail, student)


def _structural(refs, student_fail, student):
    kinds, keys, plain, support = set(), [], 0, 0
    for name, state in student_fail.items():
        ref = refs[name]
        if _ARGUMENTS_AFTER.search(name) and state == "wrong":
            kinds.add("in_place")
            support = structural.SURE
            continue
        if state == "missing" or ref["rule"] != "close":
            continue
        params = {k: decode(v) for k, v in ref.get("params", {}).items()}
        found = structural.related(decode(ref["value"]), decode(student[name]["value"]),
                                   params.get("rtol", 1e-6), params.get("atol", 1e-9))
        if found is None:
            plain += 1
            continue
        kinds.add(found[0])
        keys += [k for k in found[1] if k not in keys]
        support += found[2]
    if len(kinds) != 1 or plain > len(student_fail) // 2 or support < structural.MIN_SUPPORT:
        return None
    kind = kinds.pop()
    return _kind_diagnosis(kind, "structure", keys if kind != "in_place" else ())


# -- at grading time -------------------------------------------------------------------------
def source_notebook(root, assignment, notebook):
    return pathlib.Path(root) / "source" / assignment / f"{notebook}.ipynb"


@functools.lru_cache(maxsize=64)
def _wrong_by_cell(root, assignment, notebook, corpus):
    """``{grade_id: {entry id: records}}``, ``{grade_id: {entry id: stop}}`` and the catalogue
    entries, for one notebook."""
    found = fingerprints.ensure(root, assignment, source_notebook(root, assignment, notebook), corpus)
    if not found:
        return {}, {}, {}
    by_cell, stops = {}, {}
    for ident, fp in found["wrong"].items():
        for gid, records in fp["cells"].items():
            by_cell.setdefault(gid, {})[ident] = records
        for gid, stop in fp.get("stops", {}).items():
            stops.setdefault(gid, {})[ident] = stop
    return by_cell, stops, catalogue.entries(corpus, assignment)


def _corpus_for(root):
    local = pathlib.Path(root) / "tests" / "wrong"
    return local if local.is_dir() else catalogue.CORPUS


def for_cell(root, assignment, notebook, grade_id, reference, student_records, stop=None):
    """The diagnosis of one failed test cell of a submission (``diagnose_cell``), or None.

    stop: where the cell stopped in the student's kernel (``stop_of_cell``).
    """
    try:
        by_cell, stops, entries = _wrong_by_cell(str(pathlib.Path(root).resolve()), assignment, notebook,
                                                 str(_corpus_for(root)))
        return diagnose_cell(reference, student_records, by_cell.get(grade_id, {}), entries,
                             stop, stops.get(grade_id, {}))
    except Exception:  # noqa: BLE001 - a diagnosis is a courtesy: grading never fails for it
        return None


def stop_of_cell(cell):
    """``{"error", "text"}`` of the first error an executed cell shows, or None.

    The errors that the grader itself adds (a rejection by the judge, a timeout, a cell not run)
    say nothing about the student's code and are skipped.
    """
    from autograder.feedback import GRADER_ERRORS  # (feedback imports this module)

    for out in cell.get("outputs", []):
        if out.get("output_type") == "error" and out.get("ename") not in GRADER_ERRORS:
            return {"error": out.get("ename", ""), "text": str(out.get("evalue", ""))}
    return None


@functools.lru_cache(maxsize=1)
def _sentences():
    """Every ``<name>: <explanation>`` a visible check can print (catalogue entries and kinds)."""
    from helpers.mistakes import sentence
    return frozenset(map(sentence, [*catalogue.entries().values(), *catalogue.kinds().values()]))


def visible_line(cell):
    """The ``Likely mistake:`` line a failing visible check printed in this cell, or None.

    Only a line whose text is in the catalogue counts: an error message is the student's code's
    to write, and a made-up line must not reach the feedback or ``grades.csv``.
    """
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            for text in str(out.get("evalue", "")).splitlines():
                text = text.strip()
                if text.startswith(PREFIX) and text[len(PREFIX):].strip() in _sentences():
                    return text
    return None


def name_of(text):
    """The mistake's short name in a ``Likely mistake:`` line (for ``grades.csv``)."""
    return mistakes_name_of(text)


def course_root(config=None):
    """The course root from nbgrader's configuration (``CourseDirectory.root``), else the current directory."""
    try:
        root = config.CourseDirectory.root if config is not None else None
    except AttributeError:
        root = None
    return pathlib.Path(root) if isinstance(root, str) and root else pathlib.Path.cwd()


def notebook_lines(nb, assignment, notebook, root, reference=None):
    """``{grade_id: "Likely mistake: ..."}`` for the failed test cells of an executed notebook.

    A cell whose failing visible check already printed its line keeps that one (it is in the
    error message); the others are diagnosed from their records. ``reference``: the solution's
    records, ``{grade_id: [record, ...]}``; read from the grader's cache when not given.
    """
    from autograder import reference as solution
    from autograder.judge import records_by_cell

    if reference is None:
        reference = solution.load(root, assignment, source_notebook(root, assignment, notebook)) or {}
    student = records_by_cell(nb)
    lines = {}
    for cell in nb.cells:
        gid = test_id(cell)
        if not gid or not has_error(cell) or visible_line(cell) or gid not in reference:
            continue
        diagnosis = for_cell(root, assignment, notebook, gid, reference[gid], student.get(gid, []),
                             stop_of_cell(cell))
        if diagnosis:
            lines[gid] = line(diagnosis)
    return lines


def cell_mistake(cell, assignment, notebook, root, reference_records, student_records):
    """The short name of a failed cell's likely mistake (for ``grades.csv``), or None."""
    shown = visible_line(cell)
    if shown:
        return name_of(shown)
    if not has_error(cell) or reference_records is None:
        return None
    diagnosis = for_cell(root, assignment, notebook, test_id(cell), reference_records, student_records,
                         stop_of_cell(cell))
    return diagnosis["name"] if diagnosis else None


# -- command line: build the fingerprints and the visible data file ---------------------------
def _assignments(root):
    return sorted(p.name for p in (pathlib.Path(root) / "source").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def _notebook(root, assignment):
    return sorted((pathlib.Path(root) / "source" / assignment).glob("*.ipynb"))[0]


def inputs_digest(root=ROOT, corpus=catalogue.CORPUS):
    """A hash of everything ``helpers/mistakes.json`` is made from."""
    h = hashlib.sha256(catalogue.TOML.read_bytes())
    for assignment in _assignments(root):
        nb = _notebook(root, assignment)
        h.update(fingerprints.digest(nb, catalogue.wrong_files(corpus, assignment)).encode())
    h.update(pathlib.Path(__file__).read_bytes())
    return h.hexdigest()[:20]


def visible_data(all_fingerprints, corpus=catalogue.CORPUS):
    """The contents of ``helpers/mistakes.json``: wrong values at visible checks, and what they mean.

    Grader-only exercises (``catalogue.grader_only``) are left out: the student can read this file.
    """
    entries, checks = catalogue.entries(corpus), {}
    for found in all_fingerprints:
        for ident, fp in found["wrong"].items():
            if catalogue.is_grader_only(ident):
                continue
            for obs in fp["visible"]:
                item = {"mistake": ident, "value": obs["value"], "tokens": obs["tokens"]}
                if item not in checks.setdefault(obs["key"], []):
                    checks[obs["key"]].append(item)
    checks = {key: _telling(key, items, entries) for key, items in checks.items()}
    checks = {key: items for key, items in checks.items() if items}
    used = sorted({item["mistake"] for items in checks.values() for item in items})
    return {"mistakes": {i: {k: entries[i][k] for k in ("name", "explain", "kind")} for i in used if i in entries},
            "kinds": catalogue.kinds(), "checks": dict(sorted(checks.items()))}


def _telling(key, items, entries):
    """The observations of one visible check that can name their mistake.

    Where two mistakes of different kinds show the same value at a check (a relative error of 1
    for zeros and for a flipped sign), a student showing it is named by neither
    (``helpers.mistakes.diagnose``); kept, either would name the other's answers alone as soon as
    the other is not in the collection, and a wrong name is worse than none.
    """
    def same(a, b):
        ea, eb = entries.get(a["mistake"]), entries.get(b["mistake"])
        return ea is None or eb is None or same_mistake_text(ea, eb)

    return [item for item in items
            if not any(other is not item and not same(item, other) and mistakes_matches({**item, "key": key}, {**other, "key": key})
                       for other in items)]


def build(root=ROOT, assignments=None, corpus=catalogue.CORPUS, hidden_only=False, log=print):
    """Fingerprints of each assignment (cached), then ``helpers/mistakes.json`` from all of them."""
    root = pathlib.Path(root)
    everything = []
    for assignment in assignments or _assignments(root):
        nb = _notebook(root, assignment)
        found = fingerprints.load(root, assignment, nb, corpus)
        if found is None:
            log(f"{assignment}: running the solution and {len(catalogue.wrong_files(corpus, assignment))} "
                "wrong implementations")
            found = fingerprints.build(nb, assignment, corpus, log=log)
            fingerprints.store(root, assignment, nb, found, corpus)
        everything.append(found)
    if hidden_only:
        return None
    data = {"inputs": inputs_digest(root, corpus), **visible_data(everything, corpus)}
    DATA.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    log(f"wrote {DATA.relative_to(ROOT)}: {sum(len(v) for v in data['checks'].values())} wrong values "
        f"at {len(data['checks'])} visible checks")
    return data


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.diagnose", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="compute fingerprints and write helpers/mistakes.json")
    b.add_argument("assignments", nargs="*")
    b.add_argument("--root", default=str(ROOT))
    b.add_argument("--corpus", default=str(catalogue.CORPUS))
    b.add_argument("--hidden-only", action="store_true", help="cache the fingerprints only (used while grading)")
    sub.add_parser("check", help="exit 1 when helpers/mistakes.json is not up to date")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.root, args.assignments or None, pathlib.Path(args.corpus), args.hidden_only)
        return 0
    stored = json.loads(DATA.read_text()).get("inputs") if DATA.exists() else None
    if stored != inputs_digest():
        print(f"{DATA} is stale: run `make mistakes` (python -m autograder.diagnose build)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

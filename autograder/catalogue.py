"""The catalogue of misconceptions, per exercise, built from the wrong-answer collection.

``entries(corpus)`` returns one entry per file ``<corpus>/<assignment>/<exercise>/<mistake>.py``:
``{"id": "<assignment>/<exercise>/<mistake>", "name", "explain", "kind"}``. The hand-written part
(``catalogue.toml``: the general kinds, and better names or explanations where a file's own
docstring does not read well to a student) is merged with the files' docstrings here, so a wrong
implementation added to the collection is in the catalogue at once.
"""
import ast
import functools
import pathlib
import tomllib

TOML = pathlib.Path(__file__).with_name("catalogue.toml")
CORPUS = pathlib.Path(__file__).resolve().parents[1] / "tests" / "wrong"


@functools.lru_cache(maxsize=None)
def _toml():
    return tomllib.loads(TOML.read_text())


def kinds():
    """``{kind: {"name", "explain"}}``: the mistakes that recur across exercises."""
    return {k: {"name": v["name"], "explain": v["explain"]} for k, v in _toml()["kinds"].items()}


def _docstring(path):
    doc = ast.get_docstring(ast.parse(path.read_text()))
    return " ".join((doc or "").split())


def _lower_first(text):
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


def entry(path):
    """The catalogue entry of one wrong implementation (see the module docstring)."""
    path = pathlib.Path(path)
    assignment, exercise, stem = path.parts[-3], path.parts[-2], path.stem
    ident = f"{assignment}/{exercise}/{stem}"
    table = _toml()
    override = table.get("entries", {}).get(ident, {})
    kind = override.get("kind") or table.get("stems", {}).get(stem) or stem
    general = table["kinds"].get(kind)
    name = override.get("name") or (general["name"] if general else stem.replace("_", " "))
    explain = override.get("explain") or _lower_first(_docstring(path)) or (general or {}).get("explain", "")
    return {"id": ident, "name": name, "explain": explain, "kind": kind}


def wrong_files(corpus=CORPUS, assignment=None):
    """The wrong implementations, sorted: all of them, or one assignment's."""
    corpus = pathlib.Path(corpus)
    pattern = f"{assignment}/*/*.py" if assignment else "*/*/*.py"
    return sorted(corpus.glob(pattern))


def entries(corpus=CORPUS, assignment=None):
    """``{id: entry}`` for every wrong implementation of the collection (or of one assignment)."""
    return {e["id"]: e for e in map(entry, wrong_files(corpus, assignment))}


def grader_only():
    """``("<assignment>/<exercise>", ...)``: exercises whose mistakes only the grader names, never
    the student's kernel (``helpers/mistakes.json`` leaves them out; see ``catalogue.toml``)."""
    return tuple(_toml().get("grader_only", {}).get("exercises", ()))


def is_grader_only(ident):
    """Whether a catalogue entry id (``<assignment>/<exercise>/<mistake>``) is of a grader-only exercise."""
    return any(ident.startswith(exercise + "/") for exercise in grader_only())

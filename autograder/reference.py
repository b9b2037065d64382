"""The solution's evidence records: what every student's records are judged against.

The source notebook runs once per assignment (through the same sandboxed worker as the
submissions) and its records are cached under ``.cache/autograder/reference/``, keyed by a hash of
the source notebook and of the ``helpers`` package, so a changed solution or helper is re-run.
"""
import hashlib
import json
import pathlib

from autograder import sandbox


class SolutionFailed(RuntimeError):
    """The solution itself did not run cleanly: nothing can be judged against it."""


def fingerprint(source_nb):
    digest = hashlib.sha256(pathlib.Path(source_nb).read_bytes())
    for path in sorted(sandbox.helpers_dir().rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def cache_path(root, assignment, source_nb):
    name = f"{pathlib.Path(source_nb).stem}-{fingerprint(source_nb)}.json"
    return pathlib.Path(root) / ".cache" / "autograder" / "reference" / assignment / name


def load(root, assignment, source_nb):
    path = cache_path(root, assignment, source_nb)
    return json.loads(path.read_text()) if path.exists() else None


def store(root, assignment, source_nb, result):
    """Keep the records of a run of the solution; refuse a run that failed anywhere."""
    nb = result["notebook"]
    if result["status"] != "ok":
        raise SolutionFailed(f"{assignment}: the solution notebook did not run: {result['reason']}")
    failed = [c.metadata.get("nbgrader", {}).get("grade_id", f"cell {i}") for i, c in enumerate(nb.cells)
              if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.outputs)]
    if failed:
        raise SolutionFailed(f"{assignment}: the solution notebook fails in {', '.join(failed)}")
    from autograder.judge import records_by_cell  # numpy: not before it is needed (see ``early``)

    records = records_by_cell(nb)
    path = cache_path(root, assignment, source_nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"{pathlib.Path(source_nb).stem}-*.json"):
        old.unlink()
    path.write_text(json.dumps(records))
    return records

"""The solution's evidence records: what every student's records are judged against.

The source notebook runs once per assignment (through the same sandboxed worker as the
submissions) and what it recorded is cached under ``.cache/autograder/reference/``, keyed by a
hash of the source notebook, of the ``helpers`` package and of the limits it ran under (a
solution that times out under ``--cell-timeout 5`` must not be hidden by a run made with 120 s),
so the outcome never depends on what an earlier run left in the cache.

A solution that fails in a test cell (an error, a timeout) does not stop grading: the cells it
did record are judged as usual; for the cells it could not, the kernel's verdict stands, as in
plain nbgrader, and ``problem`` says why in words for the summary.
"""
import hashlib
import json
import os
import pathlib
import tempfile

from autograder import cells, sandbox
from autograder.text import shorten


def fingerprint(source_nb, limits=()):
    digest = hashlib.sha256(pathlib.Path(source_nb).read_bytes())
    for path in sorted(sandbox.helpers_dir().rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(repr(tuple(limits)).encode())
    return digest.hexdigest()[:20]


def limits_of(options):
    """What in the grade options can change the solution's run."""
    return (float(options.cell_timeout), float(options.time_limit), int(options.memory)) if options else ()


def cache_path(root, assignment, source_nb, options=None):
    name = f"{pathlib.Path(source_nb).stem}-{fingerprint(source_nb, limits_of(options))}.json"
    return pathlib.Path(root) / ".cache" / "autograder" / "reference" / assignment / name


def write_cache(path, data):
    """Write ``data`` as JSON at ``path`` (``<notebook stem>-<key>.json``), removing the notebook's
    files of older keys: one cached version per notebook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"{path.stem.rsplit('-', 1)[0]}-*.json"):
        old.unlink(missing_ok=True)  # (another grader may have removed it first)
    # Written aside, then renamed: two graders sharing a course never read half a file.
    with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=".writing-", suffix=".tmp", delete=False) as out:
        out.write(json.dumps(data))
    os.replace(out.name, path)


def load(root, assignment, source_nb, options=None):
    """The cached ``{"records", "failed", "problem"}`` of the solution, or None."""
    path = cache_path(root, assignment, source_nb, options)
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return data if isinstance(data, dict) and "records" in data else None


def _failures(nb, result):
    """``{grade id or "cell N": reason}`` of the solution's code cells that did not run cleanly."""
    failed = {}
    for index, cell in enumerate(nb.cells):
        errors = cells.errors(cell) if cell.cell_type == "code" else []
        if errors:
            name = cells.nbgrader_meta(cell).get("grade_id") or f"cell {index}"
            failed[name] = shorten(f"{errors[0].get('ename')}: {errors[0].get('evalue')}", 300)
    return failed


def store(root, assignment, source_nb, result, options=None):
    """Keep what a run of the solution recorded, and where and why it failed; returns that dict."""
    nb = result.get("notebook")
    from autograder.judge import records_by_cell  # numpy: only when a solution ran

    records = records_by_cell(nb) if nb is not None else {}
    failed = _failures(nb, result) if nb is not None else {}
    problem = ""
    if result.get("status") != "ok" or failed:
        where = ", ".join(f"{k} ({v})" for k, v in list(failed.items())[:3])
        problem = (f"the solution notebook of {assignment} did not run cleanly: "
                   f"{result.get('reason') or ''}{'; ' if result.get('reason') and where else ''}{where}"
                   ". Test cells it did not record are scored by the student's kernel alone")
    data = {"records": records, "failed": failed, "problem": problem}
    if result.get("status") == "worker_failed":
        return data  # the grader's own trouble, not the solution's: never cached
    write_cache(cache_path(root, assignment, source_nb, options), data)
    return data

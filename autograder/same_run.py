"""One kernel run for the submissions of a grading run whose kernels could not tell them apart.

What the kernel of a sandboxed job sees is: the code cells' sources in order (markdown cells only
shift the cell indexes that reasons and timeouts name) and which of them are the instructor's or
tests (the worker runs hidden parts with the instructor's imports), the files bound into its home under
their names, and the job's limits. Two jobs equal in all of these run the same code on the same
inputs, so the second takes a copy of the first's outputs instead of a kernel of its own. Its
result still carries its own notebook: the student's own cells and metadata, with the outputs
and execution counts copied in cell by cell. An unsandboxed job runs in a working folder of its
own (a path its outputs may show), so it always runs.
"""
import copy
import hashlib
import json
import pathlib

import nbformat

from autograder.jobs import Job


def run_key(job):
    """A digest of everything the kernel of ``job`` (a ``jobs.Job``) sees, or None: run it anyway.

    None for anything but a sandboxed ``Job`` whose notebook and files can be read.
    """
    if not isinstance(job, Job) or not job.sandbox:
        return None
    try:
        nb = nbformat.read(job.notebook, as_version=4)
        digest = hashlib.sha256()
        limits = {k: v for k, v in job.to_dict().items() if k not in ("name", "notebook", "output", "data_files")}
        # (with the nbgrader flags the worker reads: which cells are the instructor's, which are tests)
        cells = [(c.cell_type, c.source, *(bool((c.metadata.get("nbgrader") or {}).get(k)) for k in ("locked", "solution", "grade")))
                 for c in nb.cells]
        digest.update(json.dumps([limits, cells], sort_keys=True).encode())
        for entry in job.data_files:
            _digest_entry(digest, pathlib.Path(entry))
        return digest.hexdigest()
    except (OSError, ValueError, TypeError):
        return None


def _digest_entry(digest, path):
    """Add ``path`` (a file, or a folder with everything under it) by name, type and bytes."""
    paths = [path] + (sorted(path.rglob("*")) if path.is_dir() and not path.is_symlink() else [])
    for p in paths:
        kind = "link" if p.is_symlink() else "dir" if p.is_dir() else "file"
        digest.update(json.dumps([str(p.relative_to(path.parent)), kind]).encode())
        if kind == "link":
            digest.update(str(p.readlink()).encode())
        elif kind == "file":
            digest.update(hashlib.sha256(p.read_bytes()).digest())


def shared(result, job):
    """``result`` (the worker's, for a job with ``job``'s run key) as ``job``'s own: a copy, with
    ``job``'s notebook holding the executed outputs (no notebook when the run produced none)."""
    mine = {k: copy.deepcopy(v) for k, v in result.items() if k != "notebook"}
    executed = result.get("notebook")
    if executed is not None:
        nb = nbformat.read(job.notebook, as_version=4)
        for cell, ran in zip(nb.cells, executed.cells):
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = copy.deepcopy(ran.outputs), ran.get("execution_count")
        mine["notebook"] = nb
    return mine

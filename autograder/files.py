"""The files around a student's notebook: their own (a ``my_helpers.py`` it imports) going in,
and the files the notebook writes coming out to ``autograded/``.

Like plain nbgrader, a kernel sees the files the student submitted beside the notebook; here it
sees copies of them (read-only, in its own working directory), and nothing of anyone else's.
"""
import pathlib
import shutil
from dataclasses import dataclass, field

# A submission's own files are small; beyond these the rest is left out (and the summary says so).
OWN_BYTES = 100 * 1024 ** 2
OWN_FILES = 500
SKIPPED = {".ipynb_checkpoints", "__pycache__", ".git", ".DS_Store", "__MACOSX", "timestamp.txt"}


@dataclass
class OwnFiles:
    entries: list = field(default_factory=list)   # top-level paths in the staged folder, for the kernel
    note: str = ""


def _walk(folder, skip):
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part in SKIPPED for part in rel.parts) or rel.parts[0] in skip or path.is_symlink():
            continue
        if path.is_file():
            yield path, rel


def _kernel_folder(sub, folder):
    """Where the kernel's working directory is in the student's files: the folder of the graded
    notebook(s) (``work/`` for ``02-chain-rule/work/chain_rule.ipynb``), as in Jupyter, where a
    notebook's kernel starts beside it; ``folder`` when they are in different places."""
    parents = {pathlib.Path(p).resolve().parent for p in sub.notebooks.values() if p is not None and pathlib.Path(p).is_file()}
    if len(parents) == 1:
        parent = parents.pop()
        if parent != folder.resolve() and parent.is_relative_to(folder.resolve()):
            return parent
    return folder


def stage_own_files(sub, staged, public):
    """Copy the student's files (not the graded notebooks, not the instructor's ``public`` ones,
    which win as in nbgrader) from ``sub.folder`` into ``staged``. The files beside the graded
    notebook land at the top (the kernel's working directory) even when the notebook sat in a
    sub-folder; the rest of the folder keeps its place where no name clashes. Returns ``OwnFiles``."""
    folder = pathlib.Path(sub.folder) if sub.folder else None
    own = OwnFiles(note=stage_timestamp(folder / "timestamp.txt", staged) if folder is not None else "")
    if folder is None or not folder.is_dir():
        return own
    graded = {pathlib.Path(p).resolve() for p in sub.notebooks.values() if p is not None}
    skip = {pathlib.Path(p).name for p in public} | {f"{nb}.ipynb" for nb in sub.notebooks}
    if folder.name == sub.student:
        # No assignment folder: the student's folder holds other assignments' folders too.
        skip |= {p.name for p in folder.iterdir() if p.is_dir()}
    beside = _kernel_folder(sub, folder)
    roots = [beside] if beside == folder else [beside, folder]
    total, count, left_out, taken, near = 0, 0, 0, set(), 0
    for base in roots:
        for path, rel in _walk(base, skip | (set() if base == beside else {rel_top(beside, folder)})):
            if path.resolve() in graded or (base != beside and rel.parts[0] in taken):
                continue
            size = path.stat().st_size
            if count >= OWN_FILES or total + size > OWN_BYTES:
                left_out += 1
                continue
            target = staged / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            target.chmod(0o644)
            total, count = total + size, count + 1
            near += base != folder
        taken |= {p.name for p in staged.iterdir()}
    # Called before the notebooks are written here: what is in ``staged`` now is the student's.
    own.entries = sorted(str(p) for p in staged.iterdir() if p.name != "timestamp.txt")
    for entry in own.entries:
        path = pathlib.Path(entry)
        if path.is_dir():
            for p in [path, *path.rglob("*")]:
                p.chmod(0o755 if p.is_dir() else 0o644)
    if left_out:
        own.note = (own.note + "; " if own.note else "") + f"{left_out} of the student's files were left out of the kernel's folder (over " \
                   f"{OWN_FILES} files or {OWN_BYTES // 1024 ** 2} MB)"
    if near:
        own.note = (own.note + "; " if own.note else "") + \
            f"{near} file(s) beside the notebook in {beside.relative_to(folder.resolve())}/ were put in the kernel's working folder"
    return own


def stage_timestamp(path, staged):
    """Copy the submission time ``nbgrader collect`` wrote (``path``, a ``timestamp.txt``) into
    ``staged``, as nbgrader's autograde can read it: without the byte-order mark, CRLF and blank
    lines an editor such as Windows Notepad adds. One nbgrader's ``parse_utc`` still cannot read
    (``"submitted yesterday"``) is left out, as nbgrader would fail the whole autograde over it,
    and the student keeps the points of their work. The student's file is never changed.

    Returns a note for the summary ("" when the file is missing or read as it is)."""
    from nbgrader.utils import parse_utc

    path = pathlib.Path(path)
    if not path.is_file():
        return ""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig").strip()
        if text:
            parse_utc(text)
    except Exception as err:  # noqa: BLE001 - dateutil raises ValueError, OverflowError, ...; a bad file is never fatal
        shown = raw[:40].decode("utf-8", "replace").strip()
        why = f"{shown!r} is no date and time" if isinstance(err, (ValueError, UnicodeDecodeError)) else str(err)
        return f"timestamp.txt could not be read ({why}): ignored, so no late penalty was computed"
    (staged / "timestamp.txt").write_text(text + "\n" if text else "")
    return ""


def rel_top(path, folder):
    """The first part of ``path`` below ``folder`` (``work`` for ``folder/work/sub``)."""
    return pathlib.Path(path).resolve().relative_to(pathlib.Path(folder).resolve()).parts[0]


def add_written(written, staged):
    """Put the files a notebook wrote (a folder from the worker, or None) beside the staged notebook,
    so that nbgrader copies them to ``autograded/``."""
    if not written or not pathlib.Path(written).is_dir():
        return
    for path in pathlib.Path(written).rglob("*"):
        if path.is_file() and not path.is_symlink():
            target = pathlib.Path(staged) / path.relative_to(written)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)

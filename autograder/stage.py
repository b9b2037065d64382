"""Stage what students really hand in: find their notebooks, repair the cells, say what was done.

Students download a notebook twice (``chain_rule (1).ipynb``), forget the assignment folder, save
from VS Code or Colab (which may strip or add cell metadata), paste a copy of a test cell, delete
a written-answer cell and retype the answer. nbgrader grades none of these well: an empty
``nbgrader: {}`` left by ``DeduplicateIds`` or a missing cell after a read-only one makes its
``add_missing_cells`` raise ``KeyError``. Every step here works on an in-memory notebook against
the release the students were given, changes only what it must, and returns notes in words for
the instructor's summary. Grading then sees a notebook nbgrader can sanitize as usual.

    found = find_notebooks(folder, ["chain_rule"])          # {id: path or None}, notes
    nb, notes = repair(nb, release_nb, known_ids)           # in place; notes: list of str
"""
import copy
import pathlib
import uuid
from dataclasses import dataclass, field

import nbformat

from autograder.cells import grade_id, meta_of  # noqa: F401 - stage.grade_id, as callers know it

NO_METADATA = "no nbgrader metadata: was it saved by another editor?"
RESTORED_TEXT = ("This cell (id:{grade_id}) was missing from the submission; the grader put it back "
                 "from the release. Any answer the student retyped elsewhere is in the cells beside it.\n\n")
# Cell metadata that editors add and that nbgrader and nbconvert do not need (Colab, VS Code, JupyterLab).
EDITOR_CELL_KEYS = ("colab", "id", "outputId", "executionInfo", "vscode", "execution", "papermill", "pycharm")
EDITOR_NOTEBOOK_KEYS = ("colab", "accelerator", "gpuClass", "vscode", "papermill")
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


# -- finding the notebooks --------------------------------------------------------------------
@dataclass
class Found:
    """Where a student's notebooks are: ``notebooks[id]`` is a path or None; ``notes`` say how."""
    notebooks: dict
    notes: list = field(default_factory=list)


def _candidates(folder):
    """Every notebook under ``folder`` (checkpoints excluded), newest first."""
    found = [p for p in pathlib.Path(folder).rglob("*.ipynb")
             if ".ipynb_checkpoints" not in p.parts and p.is_file()]
    return sorted(found, key=lambda p: (-p.stat().st_mtime, str(p)))


def find_notebooks(folder, notebook_ids, lone=True):
    """Locate each expected notebook in a student's ``folder`` (a directory).

    The exact name wins. Otherwise a notebook elsewhere under the folder (a sub-folder, another
    name such as ``chain_rule (1).ipynb``) is taken: one whose name starts with the notebook's
    id (the newest of several), or, when exactly one notebook is missing and ``lone``, the only
    one left (not for a student's whole folder, where it may belong to another assignment).
    """
    folder = pathlib.Path(folder)
    found = Found({nb: (folder / f"{nb}.ipynb") if (folder / f"{nb}.ipynb").is_file() else None
                   for nb in notebook_ids})
    taken = {p.resolve() for p in found.notebooks.values() if p is not None}
    spare = [p for p in _candidates(folder) if p.resolve() not in taken] if folder.is_dir() else []
    missing = [nb for nb, p in found.notebooks.items() if p is None]
    for nb in missing:
        named = [p for p in spare if p.stem.lower().startswith(nb.lower())]
        if named:
            found.notebooks[nb] = named[0]
            spare.remove(named[0])
    missing = [nb for nb, p in found.notebooks.items() if p is None]
    if lone and len(missing) == 1 and len(spare) == 1:
        found.notebooks[missing[0]] = spare.pop()
    for nb, path in found.notebooks.items():
        if path is not None and path != folder / f"{nb}.ipynb":
            found.notes.append(f"graded {path.relative_to(folder)} as {nb}.ipynb")
    return found


def loose_notebooks(student_dir, notebook_ids):
    """Notebooks named like the assignment's lying directly in a student's folder (no assignment folder)."""
    student_dir = pathlib.Path(student_dir)
    return {nb: student_dir / f"{nb}.ipynb" for nb in notebook_ids if (student_dir / f"{nb}.ipynb").is_file()}


# -- cells: small helpers ---------------------------------------------------------------------
def _same_text(a, b):
    return a.strip() == b.strip()


def _is_graded(meta):
    return bool(meta.get("grade")) or bool(meta.get("solution")) or bool(meta.get("task"))


# -- 1. structure and editors' metadata ------------------------------------------------------
def repair_structure(nb):
    """Make each cell valid nbformat 4.5: fields of its type, a valid unique id. Returns notes."""
    notes, seen, fixed_ids = [], set(), 0
    for key in EDITOR_NOTEBOOK_KEYS:
        nb.metadata.pop(key, None)
    widgets = nb.metadata.get("widgets")
    if widgets is not None:
        state = widgets.get("application/vnd.jupyter.widget-state+json") if isinstance(widgets, dict) else None
        if not isinstance(state, dict) or not isinstance(state.get("state"), dict):
            del nb.metadata["widgets"]  # nbconvert's HTML export fails on widget state without "state"
    for cell in nb.cells:
        if not isinstance(cell.get("metadata"), dict):
            cell["metadata"] = nbformat.NotebookNode()
        for key in EDITOR_CELL_KEYS:
            cell.metadata.pop(key, None)
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
        if cell.get("cell_type") not in ("code", "markdown", "raw"):
            cell["cell_type"] = "raw"
        if cell.cell_type == "code":
            if not isinstance(cell.get("outputs"), list):
                cell["outputs"] = []
            if not isinstance(cell.get("execution_count"), (int, type(None))):
                cell["execution_count"] = None
            cell.setdefault("execution_count", None)
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        cid = cell.get("id")
        if not isinstance(cid, str) or not 1 <= len(cid) <= 64 or set(cid) - _ID_CHARS or cid in seen:
            cell["id"] = uuid.uuid4().hex[:8]
            fixed_ids += cid is not None
        seen.add(cell["id"])
    nb.nbformat, nb.nbformat_minor = 4, max(5, nb.get("nbformat_minor", 5))
    if fixed_ids:
        notes.append(f"{fixed_ids} cell ids were invalid or repeated (another editor?): new ids given")
    return notes


def upgrade_nbgrader_metadata(nb):
    """Older nbgrader schemas (0-2) brought to the current one; broken metadata removed. Returns notes."""
    from nbgrader.nbgraderformat import MetadataValidator

    validator, upgraded, dropped = MetadataValidator(), 0, 0
    for cell in nb.cells:
        raw = cell.metadata.get("nbgrader")
        if raw is None:
            continue
        if not isinstance(raw, dict) or not raw:
            del cell.metadata["nbgrader"]           # e.g. ``{}`` left by nbgrader's DeduplicateIds
            dropped += isinstance(raw, dict) is False
            continue
        if raw.get("schema_version", 0) < validator.schema_version:
            try:
                validator.upgrade_cell_metadata(cell)
                upgraded += 1
            except Exception:  # noqa: BLE001 - metadata nbgrader cannot read is no metadata
                del cell.metadata["nbgrader"]
                dropped += 1
        if "nbgrader" in cell.metadata and meta_of(cell) is None:
            del cell.metadata["nbgrader"]
            dropped += 1
    notes = []
    if upgraded:
        notes.append(f"nbgrader metadata of {upgraded} cells was from an older nbgrader: upgraded")
    if dropped:
        notes.append(f"unreadable nbgrader metadata removed from {dropped} cells")
    return notes


# -- 2. unknown and repeated grade ids -------------------------------------------------------
def drop_unknown_ids(nb, known_ids):
    """Strip nbgrader metadata whose grade id the instructor never wrote (renamed or invented)."""
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid is not None and gid not in known_ids:
            del cell.metadata["nbgrader"]
    return []


def release_metadata(nb, release):
    """A cell with a known grade id gets the release's nbgrader metadata (hand-edited points as
    text, a flipped ``locked``...): nbgrader's own checks then see what the instructor wrote."""
    if release is None:
        return []
    given = {grade_id(c): c.metadata["nbgrader"] for c in release.cells if grade_id(c)}
    changed = 0
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid in given and cell.metadata["nbgrader"] != given[gid]:
            keys = ("grade", "solution", "locked", "points", "task")
            changed += any(cell.metadata["nbgrader"].get(k) != given[gid].get(k) for k in keys)
            cell.metadata["nbgrader"] = copy.deepcopy(given[gid])
    return [f"nbgrader metadata of {changed} cells differed from the release (edited by hand?): "
            "the release's restored"] if changed else []


def deduplicate(nb, release):
    """A grade id on several cells (a pasted copy, a split cell) keeps it on one; returns notes.

    Read-only cells keep it on the last copy whose source is the release's (it runs after
    everything above it); answer cells on the last copy the student changed. The others become
    plain cells, with no nbgrader metadata at all (not nbgrader's empty ``{}``).
    """
    by_id = {}
    for index, cell in enumerate(nb.cells):
        gid = grade_id(cell)
        if gid is not None:
            by_id.setdefault(gid, []).append(index)
    given = {grade_id(c): c for c in release.cells if grade_id(c)} if release is not None else {}
    notes = []
    for gid, indices in by_id.items():
        if len(indices) < 2:
            continue
        original = given.get(gid)
        meta = meta_of(nb.cells[indices[0]])
        if original is not None:
            if meta.get("locked") and not meta.get("solution"):
                preferred = [i for i in indices if _same_text(nb.cells[i].source, original.source)]
            else:
                preferred = [i for i in indices if not _same_text(nb.cells[i].source, original.source)]
        else:
            preferred = []
        keep = (preferred or indices)[-1]
        for i in indices:
            if i != keep:
                del nb.cells[i].metadata["nbgrader"]
                for key in ("deletable", "editable"):
                    nb.cells[i].metadata.pop(key, None)
        notes.append(f"{gid} appeared {len(indices)} times (a copied or split cell): graded once, "
                     "the other copies ran as ordinary cells")
    return notes


# -- 3. stripped metadata --------------------------------------------------------------------
def _give(cell, source_cell):
    cell.metadata["nbgrader"] = copy.deepcopy(source_cell.metadata["nbgrader"])
    for key in ("deletable", "editable"):
        if key in source_cell.metadata:
            cell.metadata[key] = source_cell.metadata[key]


def restore_metadata(nb, release):
    """Give cells that lost their nbgrader metadata the release's, matched by cell id, then by
    position and content. Returns notes (``NO_METADATA`` when nothing could be matched)."""
    if release is None:
        return []
    wanted = [c for c in release.cells if meta_of(c)]
    present = {grade_id(c) for c in nb.cells if grade_id(c)}
    lost = [c for c in wanted if grade_id(c) not in present]
    if not lost:
        return []
    had_any = bool(present)
    bare = [c for c in nb.cells if "nbgrader" not in c.metadata]
    by_id, by_content, by_position = 0, 0, 0
    # (a) by nbformat cell id, which most editors keep even when they drop the metadata
    ids = {c.get("id"): c for c in bare}
    for src in list(lost):
        cell = ids.get(src.get("id"))
        if cell is not None and cell.cell_type == src.cell_type and "nbgrader" not in cell.metadata:
            _give(cell, src)
            lost.remove(src)
            by_id += 1
    # (b) read-only cells by their exact text
    for src in list(lost):
        if not meta_of(src).get("locked") or meta_of(src).get("solution"):
            continue
        match = [c for c in nb.cells if "nbgrader" not in c.metadata and c.cell_type == src.cell_type
                 and _same_text(c.source, src.source)]
        if match:
            _give(match[0], src)
            lost.remove(src)
            by_content += 1
    # (c) the rest (answer cells) by position: between the same two matched neighbours, the
    #     bare cells of the same type, paired in order when there are as many of each. Only in a
    #     notebook that lost all its metadata: elsewhere a bare cell is one the student added.
    anchors = {grade_id(c): i for i, c in enumerate(nb.cells) if grade_id(c)}
    release_ids = [grade_id(c) for c in release.cells if grade_id(c)]
    gaps = {}
    for src in lost:
        k = release_ids.index(grade_id(src))
        before = next((anchors[g] for g in reversed(release_ids[:k]) if g in anchors), -1)
        after = next((anchors[g] for g in release_ids[k + 1:] if g in anchors), len(nb.cells))
        gaps.setdefault((before, after), []).append(src)
    for (before, after), sources in (gaps.items() if not had_any else ()):
        for kind in ("code", "markdown"):
            srcs = [s for s in sources if s.cell_type == kind]
            cells = [c for c in nb.cells[before + 1:after] if c.cell_type == kind and "nbgrader" not in c.metadata]
            if srcs and len(srcs) == len(cells):
                for src, cell in zip(srcs, cells):
                    _give(cell, src)
                    lost.remove(src)
                    by_position += 1
    notes = []
    restored = by_id + by_content + by_position
    if restored:
        how = ", ".join(f"{n} by {w}" for n, w in ((by_id, "cell id"), (by_content, "content"),
                                                  (by_position, "position")) if n)
        notes.append(f"nbgrader metadata restored from the release for {restored} cells ({how}): "
                     "the notebook was probably saved by an editor that drops it")
    if not had_any and not restored:
        notes.append(NO_METADATA + " Test cells were put back from the release")
    return notes


# -- 4. deleted cells -------------------------------------------------------------------------
def _restored_cell(src):
    cell = copy.deepcopy(src)
    cell["id"] = uuid.uuid4().hex[:8]
    meta = meta_of(cell)
    if meta.get("solution"):
        # Changed from the release's text, so nbgrader leaves it for hand grading, never zero.
        text = RESTORED_TEXT.format(grade_id=meta["grade_id"])
        if cell.cell_type == "code":
            # The release's stub must not run: it could replace what the student defined elsewhere.
            cell.source = "\n".join("# " + line for line in (text + cell.source).splitlines())
        else:
            cell.source = text + cell.source
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell


def restore_missing(nb, release):
    """Put back graded cells (tests, written answers) the student deleted, right after the cell
    that precedes them in the release (at the end when that one is gone too). Returns notes.

    Answer-only code cells are not put back: the release's stub would undo code the student
    may have typed elsewhere; the tests that need it then fail with a reason.
    """
    if release is None:
        return []
    present = {grade_id(c): c for c in nb.cells if grade_id(c)}
    notes, anchor, set_up = [], None, []
    for src in release.cells:
        gid = grade_id(src)
        if gid in present:
            anchor = present[gid]
            continue
        meta = meta_of(src)
        if gid is not None and meta.get("solution") and not meta.get("grade"):
            notes.append(f"{gid} was missing (an answer cell deleted, or merged into another): not put back; "
                         "its tests show whether the code is elsewhere")
            continue
        if gid is None or not meta.get("grade"):
            if gid is not None and meta.get("locked") and not meta.get("solution"):
                # A read-only cell found again by its text serves as an anchor too.
                match = next((c for c in nb.cells if "nbgrader" not in c.metadata and c.cell_type == src.cell_type
                              and _same_text(c.source, src.source)), None)
                if match is None and src.cell_type == "code":
                    # The instructor's code (imports, set-up) the tests rely on: put back too.
                    match = _restored_cell(src)
                    nb.cells.insert(nb.cells.index(anchor) + 1 if anchor is not None else len(nb.cells), match)
                    present[gid] = match
                    set_up.append(gid)
                anchor = match or anchor
            continue
        cell = _restored_cell(src)
        at = nb.cells.index(anchor) + 1 if anchor is not None else len(nb.cells)
        nb.cells.insert(at, cell)
        present[gid] = anchor = cell
        what = "left for hand grading" if meta.get("solution") else "graded"
        notes.append(f"{gid} was missing: put back from the release and {what}")
    if set_up:
        notes.append(f"{len(set_up)} read-only code cells were missing ({', '.join(set_up[:3])}"
                     f"{', ...' if len(set_up) > 3 else ''}): put back from the release")
    return notes


def repair(nb, release, known_ids):
    """Every repair above, in order, on ``nb`` (changed in place). Returns ``(nb, notes)``.

    ``release``: the notebook the students were given (None when not at hand: only the repairs
    that need no release run); ``known_ids``: the grade ids nbgrader's gradebook knows.
    """
    notes = repair_structure(nb)
    notes += upgrade_nbgrader_metadata(nb)
    notes += drop_unknown_ids(nb, known_ids)
    notes += release_metadata(nb, release)
    notes += deduplicate(nb, release)
    notes += restore_metadata(nb, release)
    notes += restore_missing(nb, release)
    return nb, notes


def read_notebook(path):
    """Read any JSON notebook nbformat understands (v3 and v4) as v4, without validation errors."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return nbformat.read(str(path), as_version=4)

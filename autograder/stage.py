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
import re
import uuid
from dataclasses import dataclass, field

import nbformat

from autograder.cells import grade_id, meta_of  # noqa: F401 - stage.grade_id, as callers know it

NO_METADATA = "no nbgrader metadata: was it saved by another editor?"
RESTORED_TEXT = ("This cell (id:{grade_id}) was missing from the submission; the grader put it back "
                 "from the release. Any answer the student retyped elsewhere is in the cells beside it.\n\n")
NOT_GRADED_TEXT = ("**This submission was not graded: {why}.** Below is the notebook as it was "
                   "released, scored 0; hand in your own notebook again (ask your instructor).")
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


# What browsers and Windows make of a notebook's name: a download from JupyterHub or Colab may
# gain ``.json`` or ``.txt`` (``chain_rule.ipynb.json``), Windows may upper-case it (``.IPYNB``).
NOTEBOOK_ENDINGS = (".ipynb", ".ipynb.json", ".ipynb.txt")


def is_notebook_name(name):
    """True for a file name a notebook is saved under: ``x.ipynb``, ``x.IPYNB``, ``x.ipynb.json``, ``x.ipynb.txt``."""
    return str(name).lower().endswith(NOTEBOOK_ENDINGS)


def _candidates(folder):
    """Every notebook under ``folder`` (checkpoints excluded; see ``is_notebook_name``), newest first."""
    found = [p for p in pathlib.Path(folder).rglob("*")
             if is_notebook_name(p.name) and ".ipynb_checkpoints" not in p.parts and p.is_file()]
    return sorted(found, key=lambda p: (-p.stat().st_mtime, str(p)))


def _work(path, release):
    """How much of a candidate notebook is the student's: the number of its cells whose text is
    not in the release (0 for an untouched copy; -1 for a file that is no notebook)."""
    try:
        nb = read_notebook(path)
    except Exception:  # noqa: BLE001 - a broken file is the last choice, never a crash
        return -1
    given = {"".join(c.get("source", "")).strip() for c in release.cells} if release is not None else set()
    return sum(1 for c in nb.cells if "".join(c.get("source", "")).strip() not in given)


def _ids(nb):
    """``(grade ids, ids of the graded cells)`` of a notebook."""
    return ({grade_id(c) for c in nb.cells if grade_id(c)},
            {c.get("id") for c in nb.cells if grade_id(c) and c.get("id")})


def _ids_beside(path, release):
    """``(release's grade ids, its graded cells' ids, the candidate's grade ids, all its cell ids)``,
    or None without a release or for a file that is no notebook."""
    if release is None:
        return None
    try:
        nb = read_notebook(path)
    except Exception:  # noqa: BLE001 - a broken file is the last choice, never a crash
        return None
    return (*_ids(release), _ids(nb)[0], {c.get("id") for c in nb.cells if c.get("id")})


def _belongs(path, release):
    """A notebook that shares most of its graded cells (grade ids or cell ids) with ``release``."""
    found = _ids_beside(path, release)
    if found is None:
        return False
    ids, cell_ids, have, have_cells = found
    return bool(ids) and max(len(ids & have), len(cell_ids & have_cells)) * 2 >= len(ids)


def _foreign(path, release):
    """A notebook whose graded cells are mostly not ``release``'s: another assignment's notebook
    (one with no nbgrader metadata left is not foreign: nothing tells)."""
    found = _ids_beside(path, release)
    if found is None:
        return False
    ids, _, have, _ = found
    return len(have - ids) > len(have & ids)


def find_notebooks(folder, notebook_ids, lone=True, releases=None):
    """Locate each expected notebook in a student's ``folder`` (a directory).

    The candidates for a notebook are the file of its exact name, notebooks elsewhere under the
    folder (a sub-folder, another name such as ``chain_rule (1).ipynb``) whose name starts with
    its id, and, given ``releases`` (``{id: release notebook}``), any notebook sharing most of the
    release's graded cells. Of several, one that is not another assignment's notebook (see
    ``_foreign``), then the one with the most work of the student's (cells not in the release) is
    graded, then the exact name, then the newest; the notes name the others.
    When exactly one notebook is missing and ``lone``, the only notebook left is taken (not for
    a student's whole folder, where it may belong to another assignment).
    """
    folder = pathlib.Path(folder)
    releases = releases or {}
    found = Found({nb: None for nb in notebook_ids})
    spare = _candidates(folder) if folder.is_dir() else []
    for nb in notebook_ids:
        exact = folder / f"{nb}.ipynb"
        named = [p for p in spare if p == exact or p.stem.lower().startswith(nb.lower())]
        alike = [p for p in spare if p not in named and _belongs(p, releases.get(nb))]
        candidates = sorted(named + alike, key=lambda p: (p != exact, p not in named))  # stable: newest first
        if not candidates:
            continue
        if len(candidates) > 1:
            work = {p: _work(p, releases.get(nb)) for p in candidates}
            foreign = {p: _foreign(p, releases.get(nb)) for p in candidates}
            candidates.sort(key=lambda p: (foreign[p], -work[p]))
            others = [p for p in candidates[1:] if p.is_file()]
            if foreign[others[0]] and not foreign[candidates[0]]:
                why = "the others hold another assignment's cells)"
            elif work[candidates[0]] > work[others[0]]:
                why = "the one with the most of the student's work)"
            else:
                why = "by its name or as the newest)"
            found.notes.append(f"also found {', '.join(str(p.relative_to(folder)) for p in others)}: not graded "
                               f"(graded {candidates[0].relative_to(folder)}, {why}")
        found.notebooks[nb] = candidates[0]
        spare = [p for p in spare if p not in candidates]
    missing = [nb for nb, p in found.notebooks.items() if p is None]
    if lone and len(missing) == 1 and len(spare) == 1:
        found.notebooks[missing[0]] = spare.pop()
    for nb, path in found.notebooks.items():
        if path is not None and path != folder / f"{nb}.ipynb":
            found.notes.insert(0, f"graded {path.relative_to(folder)} as {nb}.ipynb")
    return found


def what_was_there(folder, limit=5):
    """What a folder without the notebook holds, to end a reason: ``": found a.py, b.txt, no
    notebook"`` (at most ``limit`` names), ``": 02-chain-rule/ is empty"``; "" without a folder."""
    if folder is None or not pathlib.Path(folder).is_dir():
        return ""
    names = sorted(str(p.relative_to(folder)) for p in pathlib.Path(folder).rglob("*")
                   if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    if not names:
        return f": {pathlib.Path(folder).name}/ is empty"
    shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return f": found {shown}, no notebook"


def loose_notebooks(student_dir, notebook_ids):
    """Notebooks named like the assignment's lying directly in a student's folder (no assignment folder)."""
    student_dir = pathlib.Path(student_dir)
    return {nb: student_dir / f"{nb}.ipynb" for nb in notebook_ids if (student_dir / f"{nb}.ipynb").is_file()}


# -- cells: small helpers ---------------------------------------------------------------------
def _same_text(a, b):
    return a.strip() == b.strip()


def _defined_names(source):
    """The functions and classes a code cell defines at its top level (a set of names)."""
    import ast

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set(re.findall(r"^(?:def|class)\s+(\w+)", source, re.MULTILINE))
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


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
    structured = by_id + by_content > 0
    joined, merged_away = [], []
    for (before, after), sources in (gaps.items() if not had_any else ()):
        for kind in ("code", "markdown"):
            srcs = [s for s in sources if s.cell_type == kind]
            cells = [c for c in nb.cells[before + 1:after] if c.cell_type == kind and "nbgrader" not in c.metadata]
            if srcs and len(srcs) != len(cells) and kind == "code" and structured:
                # More cells than answers (scratch cells the student added): an answer cell is
                # the cell that defines what the release's stub defines (``def sigmoid``).
                # Only in the release's own notebook (read-only cells found): in one retyped from
                # scratch, the release's set-up and tests are put back after the student's code.
                for src in list(srcs):
                    names = _defined_names(src.source)
                    match = [c for c in cells if names and names <= _defined_names(c.source)]
                    if match:  # of several (a scratch redefinition), the last: it is in effect for the tests
                        _give(match[-1], src)
                        lost.remove(src)
                        srcs.remove(src)
                        cells.remove(match[-1])
                        by_content += 1
            if kind == "markdown" and structured and len(srcs) == 1 and len(cells) > 1:
                # One written answer among the student's own notes (a heading above it, a
                # remark below, or the answer split in two): which cell is the answer cannot
                # be told, so the hand grader gets all of their text in the answer cell.
                cells = [c for c in cells if not any(_same_text(c.source, r.source) for r in release.cells)]
                if cells:
                    _join_into(cells, srcs[0])
                    merged_away += cells[1:]
                    lost.remove(srcs[0])
                    by_position += 1
                    if len(cells) > 1:
                        joined.append((grade_id(srcs[0]), len(cells)))
                continue
            if srcs and len(srcs) == len(cells):
                for src, cell in zip(srcs, cells):
                    _give(cell, src)
                    lost.remove(src)
                    by_position += 1
    nb.cells = [c for c in nb.cells if not any(c is m for m in merged_away)]  # after: gaps hold indexes
    notes = []
    restored = by_id + by_content + by_position
    if restored:
        how = ", ".join(f"{n} by {w}" for n, w in ((by_id, "cell id"), (by_content, "content"),
                                                  (by_position, "position")) if n)
        notes.append(f"nbgrader metadata restored from the release for {restored} cells ({how}): "
                     "the notebook was probably saved by an editor that drops it")
    notes += [f"{gid}: {n} markdown cells of the student's stood where this written answer belongs; "
              "their text was joined into the answer cell for hand grading" for gid, n in joined]
    if not had_any and not restored:
        notes.append(NO_METADATA + " Test cells were put back from the release")
    return notes


def _join_into(cells, src):
    """Make ``cells[0]`` the answer cell ``src``, holding the text of all ``cells`` (the caller
    drops the others)."""
    cells[0].source = "\n\n".join(c.source.strip() for c in cells if c.source.strip())
    _give(cells[0], src)


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


BOMS = {b"\xef\xbb\xbf": "utf-8", b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


class Unreadable(ValueError):
    """A submitted file that is no notebook; its message says why in words a student reads."""


def _decode(raw):
    """``(text, note)``: the file's text, without a byte-order mark (Windows editors write one;
    nbformat's JSON reader refuses it); ``note`` says that one was there, else ""."""
    for bom, encoding in BOMS.items():
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding), "the file began with a byte-order mark (saved on Windows?): ignored"
    return raw.decode("utf-8"), ""


def _why_unreadable(raw, text, err):
    """Why a file is no notebook, in words."""
    if not raw.strip():
        return "the file is empty (0 bytes)" if not raw else "the file holds only blank space"
    if text is None:
        return f"the file is not text (not UTF-8: {err})"
    import json

    try:
        data = json.loads(text)
    except ValueError as json_err:
        head = text.lstrip()[:1]
        if head not in ("{", "["):
            first = text.strip().splitlines()[0][:60]
            return f"the file is not a notebook but plain text (it begins {first!r}; a .py file renamed?)"
        return (f"the file is not complete JSON ({json_err}: cut off while saving or uploading, "
                "or edited by hand?)")
    if not isinstance(data, dict) or "cells" not in data and "worksheets" not in data:
        return "the file is JSON but not a notebook (it has no cells)"
    return f"nbformat cannot read it ({type(err).__name__}: {str(err)[:120]})"


def read_submitted(path):
    """A submitted notebook as v4: ``(nb, notes)``. Raises ``Unreadable`` (why, in words) when
    the file is empty, not JSON, or JSON but no notebook. A UTF-8 or UTF-16 byte-order mark is
    dropped (with a note)."""
    import warnings

    raw = pathlib.Path(path).read_bytes()
    try:
        text, note = _decode(raw)
    except UnicodeDecodeError as err:
        raise Unreadable(_why_unreadable(raw, None, err)) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no cells")
    except Exception as err:  # noqa: BLE001 - any unreadable file is a reason, not a crash
        raise Unreadable(_why_unreadable(raw, text, err)) from None
    return nb, [note] if note else []


def read_notebook(path):
    """Read any JSON notebook nbformat understands (v3 and v4) as v4, without validation errors
    (a byte-order mark at its start is dropped). Raises ``Unreadable`` for a file that is none."""
    return read_submitted(path)[0]

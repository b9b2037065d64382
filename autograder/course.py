"""The course as the grader sees it: nbgrader's config, the gradebook's assignments, the
submissions on disk, and a submission sanitized exactly as ``nbgrader autograde`` would.
"""
import functools
import json
import logging
import pathlib
from dataclasses import dataclass, field

import jsonschema
import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps.api import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from nbgrader.nbgraderformat import common as nbgraderformat_common
from nbgrader.converters import Autograde
from traitlets.config import Config
from traitlets.utils.importstring import import_item
from traitlets.config.loader import PyFileConfigLoader

from autograder import archives, preprocessors, stage

class _SchemaValidation:
    """``jsonschema.validate`` with each schema checked and compiled once, not once per cell.

    nbgrader validates every cell's metadata with ``jsonschema.validate(metadata, schema)``,
    which checks the schema itself on each call: about a quarter of a second per notebook here,
    several times per submission, in the one thread that writes the gradebook. Same verdicts,
    same errors (the best match, as ``jsonschema.validate`` raises it).
    """

    def __init__(self):
        self._validators = {}

    def validate(self, instance, schema):
        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = self._validators[key] = cls(schema)
        error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            raise error


nbgraderformat_common.jsonschema = _SchemaValidation()


@dataclass
class Submission:
    """One student's submission of one assignment and what became of it."""
    assignment: str
    student: str
    notebooks: dict                                   # notebook id -> submitted path
    status: dict = field(default_factory=dict)        # notebook id -> ok / kernel_died / invalid ...
    reasons: list = field(default_factory=list)       # what went wrong, for the summary
    flags: list = field(default_factory=list)         # tampering: attempts seen or caught
    scores: dict = field(default_factory=dict)        # (notebook, grade id) -> (score, max score, pending)
    mistakes: dict = field(default_factory=dict)      # grade id -> name of the likely mistake
    seconds: float = 0.0
    notes: list = field(default_factory=list)         # what the grader repaired or noticed, in words
    folder: pathlib.Path = None                       # where the student's files were found
    budget: str = ""                                  # the process budget the sandbox had
    not_run: dict = field(default_factory=dict)       # notebook id -> why it was not run (not graded)

    @property
    def key(self):
        return self.assignment, self.student


def autograde_steps(configured=None):
    """nbgrader's autograde step list with its ``Execute`` replaced by ``UsePreExecuted`` and
    ``JudgeEvidence`` (the notebooks ran in the sandbox; the judge decides the test cells).

    ``configured``: the list the course's config sets, else nbgrader's own default. Items may
    be classes or dotted names, as nbgrader accepts them. Raises ``ValueError`` when the list has
    no ``Execute``: there would be no place for the sandbox's outputs.
    """
    steps = list(configured) if configured is not None else Autograde.class_traits()["autograde_preprocessors"].default()
    names = [s if isinstance(s, str) else f"{s.__module__}.{s.__qualname__}" for s in steps]
    at = [k for k, name in enumerate(names) if name.rsplit(".", 1)[-1] == "Execute"]
    if len(at) != 1:
        raise ValueError(f"Autograde.autograde_preprocessors must hold Execute once: {names}")
    return steps[:at[0]] + [preprocessors.UsePreExecuted, preprocessors.JudgeEvidence] + steps[at[0] + 1:]


def sanitize_steps(config):
    """The preprocessors ``nbgrader autograde`` sanitizes a submission with (its configured list)."""
    return Autograde(config=config).sanitize_preprocessors


def load_config(root, store=None):
    """The course's ``nbgrader_config.py``. With a ``preprocessors.RunStore``, the config of a
    grading run: Execute replaced by our two steps (``autograde_steps``), bound to that store."""
    root = pathlib.Path(root).resolve()
    cfg = Config()
    config_file = root / "nbgrader_config.py"
    if config_file.exists():
        cfg.merge(PyFileConfigLoader(config_file.name, path=str(root)).load_config())
    cfg.CourseDirectory.root = str(root)
    if store is not None:
        configured = cfg.Autograde.get("autograde_preprocessors") if "Autograde" in cfg else None
        cfg.Autograde.autograde_preprocessors = autograde_steps(configured)
        cfg.BoundToRun.store = store
    return cfg


def make_api(root, store=None):
    """nbgrader's API on the course ``root``; with ``store``, for a grading run (``load_config``)."""
    cfg = load_config(root, store)
    coursedir = CourseDirectory(config=cfg)
    api = NbGraderAPI(coursedir=coursedir, config=cfg)
    api.log.setLevel(logging.ERROR)
    return api


def gradebook_notebooks(api, assignment):
    """Notebook ids of an assignment, or None when the gradebook does not know it."""
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        try:
            return sorted(nb.name for nb in gb.find_assignment(assignment).notebooks)
        except MissingEntry:
            return None


def known_cell_ids(api, assignment, notebook_id):
    """grade ids of every nbgrader cell the instructor's notebook has."""
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        return {cell.name for cell in gb.find_notebook(notebook_id, assignment).source_cells}


def gradebook_assignments(api):
    """``{assignment: [notebook ids]}`` for every assignment the gradebook knows."""
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        return {a.name: sorted(nb.name for nb in a.notebooks) for a in gb.assignments}


# Folders that are no student's: ``__MACOSX/`` (resource forks left by unzipping a class zip made
# on a Mac) and hidden folders (``.ipynb_checkpoints``, ``.git``), as ``.DS_Store`` files are.
NOT_STUDENTS = ("__MACOSX",)


def _student_dirs(api):
    """The student folders under ``submitted/`` (sorted paths), without ``NOT_STUDENTS`` and hidden folders."""
    root = pathlib.Path(api.coursedir.root) / api.coursedir.submitted_directory
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and p.name not in NOT_STUDENTS and not p.name.startswith(".")) if root.is_dir() else []


def submitted_assignments(api):
    """Assignments of the gradebook with a folder under some student's folder, or whose notebooks
    lie loose there. A folder with another name (``02_chain_rule``) is no assignment: its
    student's notebooks are looked for by name (``find_submissions``)."""
    known = gradebook_assignments(api)
    found = {p.name for d in _student_dirs(api) for p in d.iterdir() if p.is_dir() and (p.name in known or not known)}
    for student_dir in _student_dirs(api):
        for assignment, notebooks in known.items():
            if stage.loose_notebooks(student_dir, notebooks) or \
                    any(p.stem.startswith(assignment) for p in archives.archives_in(student_dir)):
                found.add(assignment)
    return sorted(found)


def find_submissions(api, assignment, notebook_ids, unpacked=None):
    """One ``Submission`` per student folder: every student appears, with a reason when nothing
    could be found (see ``stage.find_notebooks`` for notebooks with other names or places).

    A student who handed in other assignments' folders but not this one is left out (not yet
    submitted); a folder with no assignment folder at all is searched for the notebooks. Where
    no notebook is found, a zip archive in the folder is opened into ``unpacked`` (a directory
    of the grader's; no archive is opened without it) and searched the same way.
    """
    known = set(gradebook_assignments(api))
    releases = {nb: release_notebook(api, assignment, nb) for nb in notebook_ids}
    found = []
    for student_dir in _student_dirs(api):
        folder = student_dir / assignment
        others = [p.name for p in student_dir.iterdir() if p.is_dir() and p.name in known]
        loose = stage.loose_notebooks(student_dir, notebook_ids)
        named_zip = [p for p in archives.archives_in(student_dir) if p.stem.startswith(assignment)]
        if folder.is_dir():
            where = stage.find_notebooks(folder, notebook_ids, releases=releases)
        elif loose or named_zip or not others:
            folder = student_dir
            where = stage.Found(loose) if others else stage.find_notebooks(student_dir, notebook_ids, lone=False)
            if any(where.notebooks.values()):
                where.notes = [f"no {assignment}/ folder: graded "
                               f"{', '.join(str(p.relative_to(student_dir)) for p in where.notebooks.values() if p)}"
                               " found in the student's folder"]
        else:
            continue
        problems = []
        if not any(where.notebooks.values()) and unpacked is not None:
            zips = named_zip if folder == student_dir and others else archives.archives_in(folder)
            folder, where, problems = _from_archives(zips, folder, pathlib.Path(unpacked) / student_dir.name / assignment,
                                                     where, notebook_ids, releases)
        sub = Submission(assignment, student_dir.name,
                         {nb: where.notebooks.get(nb) or folder / f"{nb}.ipynb" for nb in notebook_ids},
                         notes=list(where.notes), folder=folder, reasons=problems)
        if folder == student_dir and not any(where.notebooks.values()):
            names = sorted(p.name for p in student_dir.iterdir())[:5]
            sub.reasons.append(f"nothing to grade: no {assignment}/ folder and no notebook in "
                               f"{student_dir.name}/ (it holds: {', '.join(names) or 'nothing'})")
        found.append(sub)
    return found


def _from_archives(zips, folder, unpacked, where, notebook_ids, releases):
    """The first of ``zips`` holding the assignment's notebooks, unpacked under ``unpacked``:
    ``(its folder, stage.Found, problems)``; ``(folder, where, problems)`` unchanged when none does."""
    problems = []
    for k, path in enumerate(zips):
        into, why = archives.unpack(path, unpacked / f"{k}-{path.stem}")
        if into is None:
            problems.append(why)
            continue
        inside = stage.find_notebooks(into, notebook_ids, releases=releases)
        if any(inside.notebooks.values()):
            graded = ", ".join(str(p.relative_to(into)) for p in inside.notebooks.values() if p)
            inside.notes = [f"graded {graded} from the zip archive {path.name} (unpacked by the grader)",
                            *[n for n in inside.notes if not n.startswith("graded ")]]
            return into, inside, []
    return folder, where, problems


def release_notebook(api, assignment, notebook_id):
    """The notebook as released to the students (``release/``, else ``source/``), or None."""
    root = pathlib.Path(api.coursedir.root)
    for directory in (api.coursedir.release_directory, api.coursedir.source_directory):
        path = root / directory / assignment / f"{notebook_id}.ipynb"
        if path.is_file():
            try:
                return stage.read_notebook(path)
            except Exception:  # noqa: BLE001 - without it only what needs no release is done
                return None
    return None


def _graded_ids(nb):
    """``(grade ids, cell ids of graded cells)`` of a notebook."""
    return ({stage.grade_id(c) for c in nb.cells if stage.grade_id(c)},
            {c.get("id") for c in nb.cells if c.get("id") and stage.grade_id(c)})


@functools.lru_cache(maxsize=64)
def _release_ids(path, mtime):
    """``_graded_ids`` of the notebook at ``path`` (read once per ``mtime``); empty when unreadable."""
    try:
        return _graded_ids(stage.read_notebook(path))
    except Exception:  # noqa: BLE001 - an unreadable release is no match
        return set(), set()


def other_assignment(api, assignment, nb):
    """``(assignment, notebook file name)`` of another assignment of the course whose notebook
    ``nb`` is, else None: it holds at least half of that release's grade ids (or of its graded
    cells' ids, when an editor dropped the metadata) and under half of ``assignment``'s own.
    (Releases share a few ids such as ``intro-title``.) Read from ``release/``, else ``source/``."""
    root = pathlib.Path(api.coursedir.root)
    mine_g, _ = _graded_ids(nb)
    mine_c = {c.get("id") for c in nb.cells if c.get("id")}
    releases = {}
    for directory in (api.coursedir.source_directory, api.coursedir.release_directory):  # release/ wins
        for path in sorted((root / directory).glob("*/*.ipynb")):
            releases[path.parent.name, path.name] = path
    own, best = 0.0, (0.0, None)
    for (name, file), path in sorted(releases.items()):
        g, c = _release_ids(str(path), path.stat().st_mtime_ns)
        share = max(len(g & mine_g) / len(g) if g else 0.0, len(c & mine_c) / len(c) if c else 0.0)
        if name == assignment:
            own = max(own, share)
        elif share > best[0]:
            best = (share, (name, file))
    return best[1] if best[0] >= 0.5 and own < 0.5 else None


def public_files(api, assignment):
    """Non-notebook files that the students were given: offered to the kernel read-only."""
    folder = pathlib.Path(api.coursedir.root) / api.coursedir.release_directory / assignment
    if not folder.is_dir():
        return []
    return sorted(str(p) for p in folder.iterdir() if p.is_file() and p.suffix != ".ipynb")


def sanitize(api, assignment, student, notebook_id, nb):
    """A copy of the notebook as nbgrader's autograde sanitizes it before executing it."""
    nb = nbformat.reads(nbformat.writes(nb), as_version=4)  # a copy: the preprocessors edit in place
    resources = {"nbgrader": {"student": student, "assignment": assignment, "notebook": notebook_id,
                              "db_url": api.coursedir.db_url, "course_id": api.coursedir.course_id}}
    for step in sanitize_steps(api.config):
        step = import_item(step) if isinstance(step, str) else step
        nb, resources = step(config=api.config).preprocess(nb, resources)
    return nb

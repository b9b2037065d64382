"""Staging: the grader's own copies of the submissions, and the jobs that execute them.

nbgrader's autograde reads ``<staging>/submitted/<student>/<assignment>/``, never the student's
files: each submitted notebook is read, repaired (``stage.repair``: editors' metadata, copied,
stripped and deleted cells), written there, and a sanitized copy of it (locked and test cells
restored from the gradebook, as ``nbgrader autograde`` does before it executes) becomes a job.
A notebook that is missing, is no notebook, or cannot be sanitized even after repairs gets no
job; the unmodified release takes its place (it scores zero) and the submission says why.
"""
import pathlib
import shutil

import nbformat

from autograder import course, files, scan, stage
from autograder.jobs import Job
from autograder.text import shorten


class Staging:
    """The staging directory of one run (``directory``), for the course ``api`` and ``options``."""

    def __init__(self, api, options, directory):
        self.api = api
        self.options = options
        self.directory = pathlib.Path(directory)
        self.root = pathlib.Path(api.coursedir.root)
        self._count = 0

    @property
    def submitted(self):
        """Where nbgrader's autograde is pointed (``CourseDirectory.submitted_directory``)."""
        return self.directory / "submitted"

    def solution_job(self, assignment, notebook):
        """The job that runs the solution (the source notebook) with the assignment's other files.

        Raises ``FileNotFoundError`` when the source notebook is missing.
        """
        folder = self.root / self.api.coursedir.source_directory / assignment
        source_nb = folder / f"{notebook}.ipynb"
        if not source_nb.exists():
            raise FileNotFoundError(f"{source_nb} is missing: the solution decides the points")
        data = [p for p in folder.iterdir() if p.is_file() and p.suffix != ".ipynb"]
        return Job.make(f"ref-{assignment}-{notebook}", source_nb, data, self.directory, self.options, threads=1)

    def submission_jobs(self, submissions, threads):
        """Stage each submission; yields ``(key, job)`` as each notebook is ready to run.

        ``key``: ``(assignment, student, notebook id)``. ``threads``: BLAS threads per kernel.
        """
        for sub in submissions:
            public = course.public_files(self.api, sub.assignment)
            folder = self.submitted / sub.student / sub.assignment
            folder.mkdir(parents=True)
            own = files.stage_own_files(sub, folder, public)
            if own.note:
                sub.notes.append(own.note)
            data = public + own.entries
            for nb, path in sub.notebooks.items():
                clean = self._stage(sub, nb, path, folder / f"{nb}.ipynb")
                if clean is None:
                    continue
                release = self._release(sub.assignment, nb)
                given = [c.source for c in release.cells if c.cell_type == "code"] if release is not None else ()
                sub.flags += [f"code {label}" for label in scan.suspicious(clean, given) if f"code {label}" not in sub.flags]
                name = f"sub-{self._count}"
                self._count += 1
                staged = self.directory / f"{name}.in.ipynb"
                nbformat.write(clean, str(staged))
                yield (sub.assignment, sub.student, nb), Job.make(name, staged, data, self.directory, self.options,
                                                                  threads)

    def _release(self, assignment, nb_id):
        path = self.root / self.api.coursedir.release_directory / assignment / f"{nb_id}.ipynb"
        try:
            return stage.read_notebook(path) if path.exists() else None
        except Exception:  # noqa: BLE001 - without the release only the repairs that need none run
            return None

    def _stage(self, sub, nb_id, path, staged):
        """Copy a submitted notebook where nbgrader will read it; returns it sanitized for execution.

        The notebook is repaired first (``stage.repair``), each repair noted. A notebook that is
        missing, is no notebook, is another assignment's, or that nbgrader cannot sanitize even so
        is replaced by the unmodified release (which scores zero), headed by a cell that says why,
        and None is returned: there is nothing to run.
        """
        if path is None or not pathlib.Path(path).is_file():
            sub.status[nb_id] = "missing"
            if not sub.reasons or not sub.reasons[-1].startswith("nothing to grade"):
                sub.reasons.append(f"{nb_id}.ipynb was not submitted{stage.what_was_there(sub.folder)}")
            return None
        name = pathlib.Path(path).name
        try:
            nb, notes = stage.read_submitted(path)
        except stage.Unreadable as err:
            return self._invalid(sub, nb_id, staged, f"{name} could not be read: {err}")
        except OSError as err:
            return self._invalid(sub, nb_id, staged, f"{name} could not be read: {err.strerror or err}")
        other = course.other_assignment(self.api, sub.assignment, nb)
        if other is not None:
            sub.notes = [n for n in sub.notes if not (n.startswith("graded ") and n.endswith(f" as {nb_id}.ipynb"))]
            return self._invalid(sub, nb_id, staged, f"this is {other[0]}'s notebook ({other[1]}), not "
                                 f"{sub.assignment}'s (handed in under the wrong assignment?)")
        try:
            nb, repaired = stage.repair(nb, self._release(sub.assignment, nb_id),
                                        course.known_cell_ids(self.api, sub.assignment, nb_id))
            notes += repaired
            sub.notes += [f"{nb_id}: {n}" for n in notes]
            # Nothing could be matched to the release: grading goes on, but the instructor must look.
            sub.reasons += [f"{nb_id}: {n}" for n in notes if n.startswith(stage.NO_METADATA)]
            clean = course.sanitize(self.api, sub.assignment, sub.student, nb_id, nb)
            nbformat.write(nb, str(staged))
            return clean
        except Exception as err:  # noqa: BLE001
            return self._invalid(sub, nb_id, staged, f"nbgrader cannot grade {name} even "
                                 f"after repairs ({shorten(f'{type(err).__name__}: {err}', 160)})")

    def _invalid(self, sub, nb_id, staged, why):
        """The release in place of a notebook that cannot be graded, its first cell saying ``why``
        (the student's feedback shows it; its code cells say "not run" and why)."""
        sub.status[nb_id] = "invalid"
        sub.reasons.append(f"{why}: graded as the unmodified release (0 points)")
        sub.not_run[nb_id] = f"not graded: {why}"
        release = self._release(sub.assignment, nb_id)
        if release is not None:
            release.cells.insert(0, nbformat.v4.new_markdown_cell(stage.NOT_GRADED_TEXT.format(why=why)))
            nbformat.write(release, str(staged))
        return None

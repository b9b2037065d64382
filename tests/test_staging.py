"""autograder.staging: what becomes of a notebook that cannot run (no gradebook needed for these)."""
import types

import nbformat
import pytest

from autograder import course, staging
from autograder.options import Options


@pytest.fixture
def stage(tmp_path):
    release = tmp_path / "release" / "a1"
    release.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), str(release / "nb.ipynb"))
    (tmp_path / "source" / "a1").mkdir(parents=True)
    api = types.SimpleNamespace(coursedir=types.SimpleNamespace(
        root=str(tmp_path), release_directory="release", source_directory="source"))
    return staging.Staging(api, Options(sandbox=False), tmp_path / "staging")


def _submission(tmp_path, path):
    return course.Submission("a1", "alice", {"nb": path})


def test_a_notebook_not_handed_in_is_missing_and_gets_no_job(stage, tmp_path):
    sub = _submission(tmp_path, tmp_path / "nowhere.ipynb")
    assert stage._stage(sub, "nb", sub.notebooks["nb"], tmp_path / "staged.ipynb") is None
    assert sub.status == {"nb": "missing"} and sub.reasons == ["nb.ipynb was not submitted"]


def test_a_file_that_is_no_notebook_is_graded_as_the_release(stage, tmp_path):
    bad = tmp_path / "nb.ipynb"
    bad.write_text("this is not JSON")
    sub = _submission(tmp_path, bad)
    staged = tmp_path / "staged.ipynb"
    assert stage._stage(sub, "nb", bad, staged) is None
    assert sub.status == {"nb": "invalid"}
    assert sub.reasons[0].startswith("nb.ipynb could not be read: the file is not a notebook but plain text")
    cells = nbformat.read(str(staged), as_version=4).cells
    assert cells[0].source.startswith("**This submission was not graded: nb.ipynb could not be read") and \
        cells[1].source == "x = 1"
    assert sub.not_run["nb"].startswith("not graded: nb.ipynb could not be read")


def test_a_folder_without_the_notebook_is_named_in_the_reason(stage, tmp_path):
    (tmp_path / "a1").mkdir()
    (tmp_path / "a1" / "nb.py").write_text("x = 1")
    sub = course.Submission("a1", "alice", {"nb": tmp_path / "a1" / "nb.ipynb"}, folder=tmp_path / "a1")
    assert stage._stage(sub, "nb", sub.notebooks["nb"], tmp_path / "staged.ipynb") is None
    assert sub.reasons == ["nb.ipynb was not submitted: found nb.py, no notebook"]


def test_the_solution_job_carries_the_assignments_files_and_one_thread(stage, tmp_path):
    with pytest.raises(FileNotFoundError, match="the solution decides the points"):
        stage.solution_job("a1", "nb")
    source = tmp_path / "source" / "a1"
    nbformat.write(nbformat.v4.new_notebook(), str(source / "nb.ipynb"))
    (source / "table.csv").write_text("x\n")
    job = stage.solution_job("a1", "nb")
    assert job.name == "ref-a1-nb" and job.data_files == (str(source / "table.csv"),) and job.threads == 1
    assert stage.submitted == tmp_path / "staging" / "submitted"

"""autograder.jobs: a job as the executors carry it and as the worker reads it."""
import dataclasses
import json

import pytest

from autograder.jobs import Job
from autograder.options import Options


def test_a_job_takes_the_runs_limits_and_writes_beside_the_staging(tmp_path):
    options = Options(cell_timeout=7.5, time_limit=60, memory=3 * 1024 ** 3, sandbox=False)
    job = Job.make("sub-3", tmp_path / "in.ipynb", [tmp_path / "table.csv"], tmp_path, options, threads=1)
    assert job.output == str(tmp_path / "sub-3.out.ipynb") and job.notebook == str(tmp_path / "in.ipynb")
    assert (job.cell_timeout, job.time_limit, job.memory, job.sandbox) == (7.5, 60, 3 * 1024 ** 3, False)
    assert job.data_files == (str(tmp_path / "table.csv"),)


def test_the_worker_reads_it_as_json_with_every_field(tmp_path):
    job = Job.make("j", tmp_path / "in.ipynb", [], tmp_path, Options(), threads=None)
    as_read = json.loads(json.dumps(job.to_dict()))
    assert set(as_read) == {f.name for f in dataclasses.fields(Job)}
    assert Job(**dict(as_read, data_files=tuple(as_read["data_files"]))) == job


def test_a_job_cannot_be_changed_once_scheduled(tmp_path):
    job = Job.make("j", tmp_path / "in.ipynb", [], tmp_path, Options(), threads=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.memory = 1

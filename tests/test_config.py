"""The grade options: defaults < the course's nbgrader_config.py < the command line."""
import argparse

import pytest
from traitlets import TraitError

from autograder import config, sandbox
from autograder.__main__ import _parser
from autograder.options import Options


def _course(tmp_path, text):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n" + text)
    return tmp_path


def _flags(*argv):
    return _parser().parse_args(["grade", *argv])


def test_without_config_or_flags_the_defaults():
    got = config.load("/nonexistent", _flags())
    assert (got.cell_timeout, got.time_limit, got.memory, got.scheduler) == (120.0, 900.0, 2.0, "")
    assert got.jobs >= 1
    assert Options() == Options.from_config(config.GradeOptions())


def test_the_course_config_sets_them_and_the_flags_win(tmp_path):
    root = _course(tmp_path, "c.GradeOptions.jobs = 3\nc.GradeOptions.memory = 1.5\n"
                             "c.GradeOptions.scheduler = 'tcp://head:8786'\n")
    got = config.load(root, _flags("--memory", "0.5"))
    assert (got.jobs, got.memory, got.scheduler) == (3, 0.5, "tcp://head:8786")
    options = Options.from_config(got, sandbox=False)
    assert options.memory == sandbox.GIB // 2 and options.jobs == 3 and not options.sandbox


def test_nbgraders_execute_timeout_is_the_cell_timeout_unless_ours_is_set(tmp_path):
    assert config.load(_course(tmp_path, "c.Execute.timeout = 45\n")).cell_timeout == 45.0
    both = _course(tmp_path, "c.Execute.timeout = 45\nc.GradeOptions.cell_timeout = 60\n")
    assert config.load(both).cell_timeout == 60.0
    assert config.load(both, _flags("--cell-timeout", "7")).cell_timeout == 7.0


@pytest.mark.parametrize("no_limit", ["None", "-1", "0"])
def test_nbgraders_no_cell_limit_lets_a_cell_run_as_long_as_the_notebook(tmp_path, no_limit):
    root = _course(tmp_path, f"c.Execute.timeout = {no_limit}\n")
    assert config.load(root).cell_timeout == 900.0
    assert config.load(root, _flags("--time-limit", "60")).cell_timeout == 60.0
    assert config.load(root, _flags("--cell-timeout", "5")).cell_timeout == 5.0


@pytest.mark.parametrize("flag", ["--jobs", "--memory", "--cell-timeout", "--time-limit"])
def test_a_limit_must_be_positive(flag):
    with pytest.raises(TraitError, match="must be positive"):
        config.load("/nonexistent", _flags(flag, "0"))


def test_the_flags_say_their_units_and_defaults():
    parser = argparse.ArgumentParser()
    config.add_arguments(parser)
    text = parser.format_help()
    for expected in ("in seconds (default: c.Execute.timeout, else 120)", "in seconds (default: 900)",
                     "in GiB (default: 2)", "(default: the number of cores)", "tcp://HOST:PORT"):
        assert expected in " ".join(text.split())


def test_a_bad_value_is_a_usage_error(tmp_path, capsys):
    from autograder.__main__ import main

    assert main(["grade", "--root", str(tmp_path), "--memory", "-1"]) == 2
    assert "memory must be positive" in capsys.readouterr().err

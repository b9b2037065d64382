"""The student's files staged beside the notebook: the ``timestamp.txt`` nbgrader reads, and no leftovers."""
import pathlib

import pytest
from nbgrader.utils import parse_utc

from autograder import files


@pytest.mark.parametrize("raw", [b"2026-11-20 10:00:00.000000 UTC\n",
                                 "\ufeff2026-11-20 10:00:00.000000 UTC\r\n".encode("utf-8"),  # Windows Notepad
                                 b"\n\n 2026-11-20 10:00:00.000000 UTC \r\n\r\n"])
def test_a_timestamp_an_editor_saved_is_staged_as_nbgrader_reads_it(tmp_path, raw):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "timestamp.txt").write_bytes(raw)
    (tmp_path / "staged").mkdir()
    assert files.stage_timestamp(tmp_path / "in" / "timestamp.txt", tmp_path / "staged") == ""
    staged = (tmp_path / "staged" / "timestamp.txt").read_text()
    assert staged == "2026-11-20 10:00:00.000000 UTC\n"
    assert parse_utc(staged.strip()).isoformat() == "2026-11-20T10:00:00"
    assert (tmp_path / "in" / "timestamp.txt").read_bytes() == raw  # the student's file is never changed


@pytest.mark.parametrize("raw, shown", [(b"submitted yesterday evening\n", "'submitted yesterday evening'"),
                                        (b"\xff\xfe2\x000\x00", "is no date and time")])
def test_a_timestamp_nbgrader_cannot_read_is_left_out_with_a_note(tmp_path, raw, shown):
    (tmp_path / "timestamp.txt").write_bytes(raw)
    (tmp_path / "staged").mkdir()
    note = files.stage_timestamp(tmp_path / "timestamp.txt", tmp_path / "staged")
    assert note.startswith("timestamp.txt could not be read (") and shown in note
    assert note.endswith("): ignored, so no late penalty was computed")
    assert not (tmp_path / "staged" / "timestamp.txt").exists()
    assert (tmp_path / "timestamp.txt").read_bytes() == raw


def test_no_timestamp_no_note(tmp_path):
    assert files.stage_timestamp(tmp_path / "timestamp.txt", tmp_path) == ""
    assert not (tmp_path / "timestamp.txt").exists()


def test_the_students_own_files_come_without_macos_and_editor_leftovers(tmp_path):
    """A zip made on a Mac leaves ``__MACOSX/`` resource files; they are no files of the student's
    for the kernel (nor, through ``autograded/``, for the feedback handed back)."""
    from autograder.course import Submission

    folder = tmp_path / "s1" / "02"
    for rel in ("my_helpers.py", "__MACOSX/._my_helpers.py", ".ipynb_checkpoints/x-checkpoint.ipynb", "nb.ipynb"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text("x = 1\n")
    staged = tmp_path / "staged"
    staged.mkdir()
    sub = Submission("02", "s1", {"nb": folder / "nb.ipynb"}, folder=folder)
    own = files.stage_own_files(sub, staged, [])
    assert [pathlib.Path(p).name for p in own.entries] == ["my_helpers.py"]

"""autograder.archives: a zip handed in is opened into the grader's folder only, within the limits
of a student's own files, and says in words why when it cannot be."""
import io
import zipfile

import pytest

from autograder import archives, files


def _zip(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_the_files_are_unpacked_where_they_belong(tmp_path):
    z = _zip(tmp_path / "a.zip", {"02/nb.ipynb": "{}", "02/my_helpers.py": "x = 1\n"})
    into, why = archives.unpack(z, tmp_path / "out")
    assert why == "" and into == tmp_path / "out"
    assert sorted(str(p.relative_to(into)) for p in into.rglob("*") if p.is_file()) == ["02/my_helpers.py", "02/nb.ipynb"]
    assert (into / "02" / "my_helpers.py").read_text() == "x = 1\n"


def test_names_that_leave_the_folder_and_macos_resource_files_are_skipped(tmp_path):
    z = _zip(tmp_path / "a.zip", {"../../escape.py": "1", "/etc/abs.py": "1", "..\\win.py": "1",
                                  "__MACOSX/._nb.ipynb": b"\x00\x05", "sub/._nb.ipynb": b"\x00", "nb.ipynb": "{}"})
    into, why = archives.unpack(z, tmp_path / "deep" / "out")
    assert why == ""
    assert [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".zip"] == \
        ["deep/out/nb.ipynb"]


def test_a_zip_bomb_is_stopped_by_what_is_read_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "OWN_BYTES", 5 * 2 ** 20)
    z = _zip(tmp_path / "bomb.zip", {"a.bin": b"\0" * (6 * 2 ** 20)})
    into, why = archives.unpack(z, tmp_path / "out")
    assert into is None and why == "bomb.zip unpacks to more than 5 MB"
    assert not (tmp_path / "out").exists()


def test_too_many_files_are_refused(tmp_path):
    z = _zip(tmp_path / "many.zip", {f"f{k}.txt": "" for k in range(files.OWN_FILES + 1)}, zipfile.ZIP_STORED)
    into, why = archives.unpack(z, tmp_path / "out")
    assert into is None and why == f"many.zip holds {files.OWN_FILES + 1} files (the grader opens at most {files.OWN_FILES})"


@pytest.mark.parametrize("content, words", [(b"PK\x03\x04 cut short", "not a zip file that can be opened"),
                                            (b"", "not a zip file that can be opened")])
def test_a_damaged_archive_says_why(tmp_path, content, words):
    z = tmp_path / "x.zip"
    z.write_bytes(content)
    into, why = archives.unpack(z, tmp_path / "out")
    assert into is None and why.startswith(f"x.zip is {words}") and not (tmp_path / "out").exists()


def test_an_encrypted_member_says_why(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("nb.ipynb", "{}")
    raw = bytearray(buf.getvalue())
    # Set the "encrypted" flag (bit 0 of the general purpose flags) in the local and central headers.
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.index(sig) + offset
        raw[at] |= 1
    (tmp_path / "secret.zip").write_bytes(bytes(raw))
    into, why = archives.unpack(tmp_path / "secret.zip", tmp_path / "out")
    assert into is None and why.startswith("secret.zip could not be opened") and "encrypted" in why


def test_only_zip_files_directly_in_the_folder_are_archives(tmp_path):
    (tmp_path / "a.ZIP").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.zip").write_bytes(b"")
    assert archives.archives_in(tmp_path) == [tmp_path / "a.ZIP"] and archives.archives_in(tmp_path / "none") == []

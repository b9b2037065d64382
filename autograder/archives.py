"""Zip archives handed in instead of a notebook (``02-chain-rule.zip`` from "Download as zip", or a
folder compressed by the operating system).

An archive is opened only when a student's folder holds no notebook of the assignment, and only
into the grader's staging directory: the student's files are never changed. What it may unpack is
bounded like the student's own files (``files.OWN_FILES``, ``files.OWN_BYTES``, counted from what
is really read, not from the sizes the archive claims); names that would leave the folder
(absolute, ``..``), links and macOS's ``__MACOSX/`` and ``._*`` resource files are skipped.

    folder, why = unpack(path, into)    # folder: the unpacked files, or None and why not
"""
import pathlib
import zipfile

from autograder.files import OWN_BYTES, OWN_FILES

_CHUNK = 1 << 20


def archives_in(folder):
    """The zip files directly in ``folder`` (a directory), by name; [] for no folder."""
    folder = pathlib.Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".zip")


def _safe_name(name):
    """The relative path a member may be unpacked to, or None for one that must be skipped."""
    path = pathlib.PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return None
    if path.parts[0] == "__MACOSX" or path.name.startswith("._"):
        return None
    return pathlib.Path(*path.parts)


def unpack(archive, into):
    """Unpack the zip file ``archive`` into the new directory ``into``.

    Returns ``(into, "")``, or ``(None, why)`` in words when it is no zip file, is damaged or
    encrypted, or holds more than the grader takes (then nothing of it is kept).
    """
    archive, into = pathlib.Path(archive), pathlib.Path(into)
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [(m, _safe_name(m.filename)) for m in zf.infolist() if not m.is_dir()]
            members = [(m, rel) for m, rel in members if rel is not None and not _is_link(m)]
            if len(members) > OWN_FILES:
                return None, f"{archive.name} holds {len(members)} files (the grader opens at most {OWN_FILES})"
            total = 0
            for member, rel in members:
                target = into / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as out:
                    while chunk := src.read(_CHUNK):
                        total += len(chunk)
                        if total > OWN_BYTES:
                            _remove(into)
                            return None, f"{archive.name} unpacks to more than {OWN_BYTES // 1024 ** 2} MB"
                        out.write(chunk)
    except RuntimeError as err:  # zipfile's word for an encrypted member
        _remove(into)
        return None, f"{archive.name} could not be opened ({err})"
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as err:
        _remove(into)
        return None, f"{archive.name} is not a zip file that can be opened ({type(err).__name__}: {err})"
    return into, ""


def _is_link(member):
    # A symbolic link stored by Info-ZIP: Unix mode bits in the high half of external_attr.
    return (member.external_attr >> 16) & 0o170000 == 0o120000


def _remove(folder):
    import shutil

    shutil.rmtree(folder, ignore_errors=True)

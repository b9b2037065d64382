"""A process-count and memory budget for a whole sandbox, where cgroup v1 controllers are writable.

RLIMIT_DATA (``sandbox``) bounds each process; a fork bomb needs a bound on their number and on
their sum. Where this machine lets us (cgroup v1 ``pids`` and ``memory`` hierarchies writable, as
when grading as root in a container), the kernel's sandbox joins a fresh group under each;
elsewhere this quietly does nothing and the per-process limits remain.
"""
import os
import pathlib
import uuid

V1 = pathlib.Path("/sys/fs/cgroup")


def _own_path(controller):
    try:
        for line in pathlib.Path("/proc/self/cgroup").read_text().splitlines():
            _, names, path = line.split(":", 2)
            if controller in names.split(","):
                return path.lstrip("/")
    except OSError:
        pass
    return None


PREFIX = "autograder-"


def create(pids_max=512, memory_bytes=None, tag=""):
    """Make the groups (``tag`` goes into their names, see ``remove_tagged``); returns their directories."""
    made = []
    name = f"{PREFIX}{tag + '-' if tag else ''}{uuid.uuid4().hex[:12]}"
    for controller, settings in (("pids", {"pids.max": pids_max}),
                                 ("memory", {"memory.limit_in_bytes": memory_bytes} if memory_bytes else None)):
        own = _own_path(controller)
        if settings is None or own is None or not (V1 / controller / "cgroup.procs").exists():
            continue
        group = V1 / controller / own / name
        try:
            group.mkdir()
            for key, value in settings.items():
                (group / key).write_text(str(value))
            made.append(group)
        except OSError:
            if group.exists():
                remove([group])
    return made


def join_command(groups, argv):
    """``argv`` prefixed so that it runs inside ``groups`` (the shell joins, then execs)."""
    if not groups:
        return argv
    joins = " && ".join(f"echo $$ > {g / 'cgroup.procs'}" for g in groups)
    return ["/bin/sh", "-c", f'{joins} && exec "$@"', "sh", *argv]


def remove(groups):
    for group in groups:
        try:
            for pid in (group / "cgroup.procs").read_text().split():
                try:
                    os.kill(int(pid), 9)
                except OSError:
                    pass
            group.rmdir()
        except OSError:
            pass


def tagged(tag):
    """The groups made with ``tag`` that still exist (those of a worker that was killed)."""
    found = []
    for controller in ("pids", "memory"):
        own = _own_path(controller)
        if own is not None and tag:
            try:
                found += [g for g in (V1 / controller / own).glob(f"{PREFIX}{tag}-*") if g.is_dir()]
            except OSError:
                pass
    return found

"""A process-count and memory budget for a whole sandbox, in a cgroup where this machine allows it.

RLIMIT_DATA (``sandbox``) bounds each process and RLIMIT_NPROC their number; a cgroup also bounds
their sum. Where a cgroup v1 ``pids``/``memory`` hierarchy or our own cgroup v2 subtree (with the
``pids`` or ``memory`` controller delegated to it) is writable, as when grading as root, the
kernel's sandbox joins a fresh group; elsewhere the per-process limits remain, and the summary
says which budget was active. ``AUTOGRADER_CGROUPS=off`` in the environment skips cgroups.
"""
import os
import pathlib
import uuid

V1 = pathlib.Path("/sys/fs/cgroup")
PREFIX = "autograder-"


def _own_path(controller):
    """Our cgroup path under a v1 ``controller``, or under the v2 hierarchy for ``""``."""
    try:
        for line in pathlib.Path("/proc/self/cgroup").read_text().splitlines():
            number, names, path = line.split(":", 2)
            if (controller and controller in names.split(",")) or (not controller and number == "0" and not names):
                return path.lstrip("/")
    except OSError:
        pass
    return None


def _v2_mount():
    """Where the cgroup v2 hierarchy is mounted (``/sys/fs/cgroup`` or a hybrid's ``unified``), or None."""
    try:
        for line in pathlib.Path("/proc/self/mountinfo").read_text().splitlines():
            left, _, right = line.partition(" - ")
            if right.split()[:1] == ["cgroup2"]:
                return pathlib.Path(left.split()[4])
    except (OSError, IndexError):
        pass
    return None


def version(group):
    """``"cgroup v1"`` or ``"cgroup v2"`` for a group made by ``create``."""
    v1 = any(pathlib.Path(group).is_relative_to(V1 / c) for c in ("pids", "memory"))
    return "cgroup v1" if v1 else "cgroup v2"


def _make(group, settings):
    try:
        group.mkdir()
        for key, value in settings.items():
            (group / key).write_text(str(value))
        return True
    except OSError:
        if group.exists():
            remove([group])
        return False


def create(pids_max=512, memory_bytes=None, tag=""):
    """Make the groups (``tag`` goes into their names, see ``tagged``); returns their directories."""
    if os.environ.get("AUTOGRADER_CGROUPS", "").lower() in ("off", "0", "no"):
        return []
    made = []
    name = f"{PREFIX}{tag + '-' if tag else ''}{uuid.uuid4().hex[:12]}"
    for controller, settings in (("pids", {"pids.max": pids_max}),
                                 ("memory", {"memory.limit_in_bytes": memory_bytes} if memory_bytes else None)):
        own = _own_path(controller)
        if settings is None or own is None or not (V1 / controller / "cgroup.procs").exists():
            continue
        group = V1 / controller / own / name
        if _make(group, settings):
            made.append(group)
    if made:
        return made
    mount, own = _v2_mount(), _own_path("")
    if mount is not None and own is not None:
        parent = mount / own
        try:
            delegated = set((parent / "cgroup.subtree_control").read_text().split())
        except OSError:
            delegated = set()
        settings = {k: v for k, v in (("pids.max", pids_max if "pids" in delegated else None),
                                      ("memory.max", memory_bytes if "memory" in delegated else None)) if v}
        if settings and _make(parent / name, settings):
            made.append(parent / name)
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
            if (group / "cgroup.kill").exists():
                (group / "cgroup.kill").write_text("1")
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
    parents = [V1 / c / own for c in ("pids", "memory") if (own := _own_path(c)) is not None]
    if _v2_mount() is not None and _own_path("") is not None:
        parents.append(_v2_mount() / _own_path(""))
    for parent in parents:
        if tag:
            try:
                found += [g for g in parent.glob(f"{PREFIX}{tag}-*") if g.is_dir()]
            except OSError:
                pass
    return found

"""The bubblewrap command line and the resource limits around one student's kernel.

Only the kernel runs in the sandbox; the notebook client that talks to it stays in the trusted
grader (see ``worker``). Inside, the kernel sees:

- the operating system's ``/usr`` (and its ``/lib``, ``/bin`` links), read-only;
- the Python environment (the venv and the interpreter it was made from), read-only;
- the ``helpers`` package, read-only: it can import and read the student-facing helpers, it can
  not change them. The rest of the course root (``source/``, ``submitted/``, the gradebook, the
  config, ``autograder/``) is simply not there;
- a small size-limited tmpfs as its home and working directory (holding read-only copies of the
  assignment's public data files), a private ``/tmp``, and the directory of its own connection
  sockets (ipc transport: no network is needed, and there is none).

Its own PID namespace means that everything it starts dies with it, and ``--die-with-parent``
ties the whole sandbox to the worker that launched it. Memory is capped per process with
``RLIMIT_DATA`` (private writable memory; it does not count the shared libraries the way
``RLIMIT_AS`` would, so an honest kernel can really use close to the limit), plus
``RLIMIT_FSIZE`` on any one file; where cgroup v1 controllers are writable the whole sandbox
also gets one memory and process-count budget (see ``cgroup``). We measured an honest kernel
with numpy and matplotlib loaded at about 270 MB of data, so 2 GiB leaves room for 1 GiB arrays.
"""
import os
import pathlib
import shutil
import sys

GIB = 1024 ** 3
MIB = 1024 ** 2

SANDBOX_HOME = "/home/student"
# Where the grader's matplotlib font lists are offered, read-only, inside the sandbox.
FONT_SEEDS = "/run/grader/matplotlib"

# Written into the kernel's IPython startup folder: no cell's source stays within reach of later
# code (``In``, ``_i``, ``_ih``, the history database, the line cache of tracebacks), so a
# function a hidden test calls cannot read that test's code. Tracebacks keep their line numbers.
HIDE_HISTORY = (
    "def _grader_hide_history():\n"
    "    import linecache\n"
    "    shell = get_ipython()\n"
    "    blank = '# (the grader keeps no input history)\\n'\n"
    "    store, cache = shell.history_manager.store_inputs, shell.compile.cache\n"
    "    def store_inputs(line_num, source, source_raw=None):\n"
    "        store(line_num, blank, blank)\n"
    "    def cache_blank(transformed_code, number=0, raw_code=None):\n"
    "        name = cache(transformed_code, number, raw_code)\n"
    "        entry = linecache.cache.get(name)\n"
    "        if entry:\n"
    "            linecache.cache[name] = (entry[0], None, ['\\n'] * len(entry[2]), name)\n"
    "        return name\n"
    "    shell.history_manager.store_inputs = store_inputs\n"
    "    shell.compile.cache = cache_blank\n"
    "_grader_hide_history()\n"
    "del _grader_hide_history\n"
)

# Run inside the sandbox, before the kernel: set the per-process limits, then become the kernel.
# argv: data bytes, file bytes, process count, uid to become (0: stay), connection dir, kernel argv...
_LIMITS_PRELUDE = (
    "import os, resource, sys\n"
    "data, fsize, nproc, uid, conn = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]\n"
    "resource.setrlimit(resource.RLIMIT_DATA, (data, data))\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))\n"
    "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
    # Graded as root, the kernel becomes an unprivileged user of its own: root is exempt from
    # RLIMIT_NPROC, and the kernel needs no privilege. Its directories are opened up for it first.
    "if uid and os.getuid() == 0:\n"
    f"    for d in ({SANDBOX_HOME!r}, '/tmp', conn):\n"
    "        os.chmod(d, 0o1777)\n"
    "    for f in os.listdir(conn):\n"
    "        os.chmod(os.path.join(conn, f), 0o644)\n"
    "    os.setgroups([])\n"
    "    os.setresgid(uid, uid, uid)\n"
    "    os.setresuid(uid, uid, uid)\n"
    # A process budget for everything the kernel starts (a fork bomb); counted per user (and,
    # graded by an ordinary user, per user namespace: this sandbox alone).
    "if nproc:\n"
    "    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))\n"
    "    startup = os.path.join(os.environ.get('IPYTHONDIR', '/tmp/ipython'), 'profile_default', 'startup')\n"
    "    os.makedirs(startup, exist_ok=True)\n"
    "    with open(os.path.join(startup, '00-grader.py'), 'w') as f:\n"
    f"        f.write({HIDE_HISTORY!r})\n"
    # In its own PID namespace the kernel's parent is bwrap's reaper: ipykernel's parent poller
    # would take that for an orphaned kernel. --die-with-parent does that job instead.
    "os.environ.pop('JPY_PARENT_PID', None)\n"
    # Writable copies of the grader's matplotlib font list (see font_caches): without one, every
    # kernel would spend a third of a second scanning the fonts to build its own.
    f"seeds, mpl = {FONT_SEEDS!r}, os.environ.get('MPLCONFIGDIR')\n"
    "try:\n"
    "    if mpl and os.path.isdir(seeds):\n"
    "        os.makedirs(mpl, exist_ok=True)\n"
    "        for name in os.listdir(seeds):\n"
    "            with open(os.path.join(seeds, name), 'rb') as src, open(os.path.join(mpl, name), 'wb') as dst:\n"
    "                dst.write(src.read())\n"
    "except OSError:\n"
    "    pass  # only slower: matplotlib then builds its own list\n"
    "os.execv(sys.argv[6], sys.argv[6:])\n"
)
# Processes (threads count too) one sandbox may have; an honest kernel uses a few dozen.
NPROC = 256


def kernel_uid():
    """The user the kernel runs as when the grader is root: one of its own per sandbox, or 0."""
    import random

    return 200000 + random.randrange(100000) if os.geteuid() == 0 else 0


def process_budget(groups, sandbox=True):
    """In words: what bounds the number of processes of one sandbox (``groups``: see ``cgroup``)."""
    if not sandbox:
        return "none (--no-sandbox)"
    from autograder import cgroup

    kinds = sorted({cgroup.version(g) for g in groups if cgroup.version(g)})
    return " and ".join([f"{k} pids" for k in kinds] + [f"RLIMIT_NPROC {NPROC}"])


class SandboxUnavailable(RuntimeError):
    """bwrap is missing or does not work here; the instructor must opt out explicitly."""


def bwrap_path():
    return shutil.which("bwrap")


def check_available():
    """Raise ``SandboxUnavailable`` with a plain message when bubblewrap cannot be used."""
    path = bwrap_path()
    if path is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed, so submissions cannot be isolated.\n"
            "Install it (Debian/Ubuntu: apt-get install bubblewrap) or, only if you trust every "
            "submission, pass --no-sandbox.")
    import subprocess
    probe = subprocess.run([path, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        raise SandboxUnavailable(
            f"bubblewrap is installed but cannot create a sandbox here: {probe.stderr.strip()}\n"
            "Allow user namespaces (or run as root), or pass --no-sandbox if you trust every submission.")


def helpers_dir():
    import helpers
    return pathlib.Path(helpers.__file__).resolve().parent


def _python_dirs():
    """The venv and the base interpreter: everything the kernel's ``import`` may need."""
    dirs = {pathlib.Path(sys.prefix), pathlib.Path(sys.base_prefix),
            pathlib.Path(os.path.realpath(sys.executable)).parent.parent}
    return sorted({d.resolve() for d in dirs})


def _system_binds():
    args = []
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    # The dynamic loader's cache and the few files libraries read at import time.
    for name in ("/etc/ld.so.cache", "/etc/localtime", "/etc/fonts", "/etc/nsswitch.conf", "/etc/passwd", "/etc/group"):
        if os.path.exists(name):
            args += ["--ro-bind", name, name]
    return args


def font_caches():
    """The grader's own matplotlib font lists (``fontlist-v*.json``), found without importing matplotlib.

    They only name font files; a kernel whose matplotlib wants another version, or misses a font
    listed there, builds its own list as it would have anyway.
    """
    if os.environ.get("MPLCONFIGDIR"):
        folder = pathlib.Path(os.environ["MPLCONFIGDIR"])
    else:
        folder = pathlib.Path(os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache") / "matplotlib"
    try:
        return sorted(p for p in folder.glob("fontlist-v*.json") if p.is_file())
    except OSError:
        return []


def kernel_command(kernel_argv, *, conn_dir, data_files=(), memory_bytes=2 * GIB, file_bytes=256 * MIB,
                   home_bytes=512 * MIB, sandbox=True, groups=(), font_lists=(), uid=0):
    """The argv that starts ``kernel_argv`` with the limits (and, unless told not to, in bwrap).

    ``conn_dir`` holds the connection file and the kernel's ipc sockets; it is shared read-write
    with the grader at the same path. ``data_files`` are public files of the assignment, offered
    read-only in the kernel's working directory (files or directories: the student's own files
    come as a directory of copies). ``font_lists`` (see ``font_caches``) are copied into the
    kernel's matplotlib directory before it starts. ``uid`` (see ``kernel_uid``): the user the
    kernel becomes when the grader runs as root; 0 for none.
    """
    python = os.path.realpath(sys.executable)
    if not sandbox:
        return [python, "-c", _LIMITS_PRELUDE, str(memory_bytes), str(file_bytes), "0", "0", str(conn_dir),
                *kernel_argv]
    limited = [python, "-c", _LIMITS_PRELUDE, str(memory_bytes), str(file_bytes), str(NPROC), str(uid),
               str(conn_dir), *kernel_argv]
    if uid:
        # Root needs no user namespace (one would map only root, and RLIMIT_NPROC never binds
        # root): every other namespace, and just the two capabilities to become ``uid``.
        unshare = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                   "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        unshare = ["--unshare-all", "--cap-drop", "ALL"]
    args = [bwrap_path(), *unshare, "--die-with-parent", "--new-session",
            "--hostname", "sandbox", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    args += _system_binds()
    made = set()

    def parents(path):
        # bwrap makes the folders leading to a mount point private to root (0700) when it runs as
        # root: the kernel's own user could not reach the venv, the helpers or its sockets.
        out = []
        for parent in reversed(pathlib.PurePosixPath(path).parents[:-1]):
            if uid and str(parent) not in made and str(parent) not in ("/usr", "/tmp"):
                made.add(str(parent))
                out += ["--perms", "0755", "--dir", str(parent)]
        return out

    for d in _python_dirs():
        args += parents(d) + ["--ro-bind", str(d), str(d)]
    helpers = helpers_dir()
    args += parents(helpers) + ["--ro-bind", str(helpers), str(helpers)]
    args += parents(conn_dir) + ["--bind", str(conn_dir), str(conn_dir)]
    args += parents(f"{FONT_SEEDS}/x")
    for f in font_lists:
        args += ["--ro-bind", str(f), f"{FONT_SEEDS}/{pathlib.Path(f).name}"]
    args += ["--size", str(home_bytes), "--tmpfs", SANDBOX_HOME]
    for f in data_files:
        f = pathlib.Path(f)
        args += ["--ro-bind", str(f), f"{SANDBOX_HOME}/{f.name}"]
    args += ["--chdir", SANDBOX_HOME, "--setenv", "HOME", SANDBOX_HOME, "--"]
    from autograder import cgroup
    return cgroup.join_command(groups, args + limited)


def kernel_env(threads=None, home=SANDBOX_HOME):
    """A small environment for the kernel: nothing of the grader's own leaks in."""
    env = {"PATH": f"{pathlib.Path(sys.prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin",
           "LANG": "C.UTF-8", "HOME": home,
           "MPLBACKEND": "module://matplotlib_inline.backend_inline",
           "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython",
           "JUPYTER_RUNTIME_DIR": "/tmp/jupyter", "PYTHONDONTWRITEBYTECODE": "1",
           "NBGRADER_EXECUTION": "autograde", "VIRTUAL_ENV": sys.prefix}
    if threads:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(threads)
    return env

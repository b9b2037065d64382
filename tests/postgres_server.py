"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temporary data directory.

``initdb`` refuses to run as root, so as root the server runs as the unprivileged ``nobody``
(its data directory is handed over to it); as anyone else it runs as that user. It listens on a
free loopback port and, for its own bookkeeping, a unix socket inside its data directory; every
local connection is trusted (nothing but this machine can reach it, and it lives for one test
session).
"""
import contextlib
import glob
import os
import pathlib
import pwd
import shutil
import subprocess
import tempfile
import time

from browser_support import free_port


def binaries():
    """The directory of ``initdb``/``pg_ctl`` (the newest installed major version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[-3]))
    if found:
        return pathlib.Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return pathlib.Path(initdb).parent if initdb else None


def _as_user():
    """(uid, gid) of the user the server runs as: ``nobody`` when we are root, else ourselves."""
    if os.getuid() != 0:
        return os.getuid(), os.getgid()
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


@contextlib.contextmanager
def running(database="gradebook"):
    """Start a server, create ``database``; yields its SQLAlchemy URL (``postgresql+psycopg://``).

    Raises ``RuntimeError`` (with the server's log) when it cannot start.
    """
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed")
    uid, gid = _as_user()
    user = pwd.getpwuid(uid).pw_name
    top = pathlib.Path(tempfile.mkdtemp(prefix="pg-test-"))
    data, log = top / "data", top / "server.log"
    os.chown(top, uid, gid)
    os.chmod(top, 0o700)
    port = free_port()

    def run(*argv, **kw):
        return subprocess.run([str(a) for a in argv], user=uid, group=gid, extra_groups=[] if os.getuid() == 0 else None,
                              capture_output=True, text=True, cwd=top, timeout=120, **kw)

    try:
        done = run(bin_dir / "initdb", "-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C")
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr[-2000:]}")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={top} -c fsync=off"
        done = run(bin_dir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start")
        if done.returncode != 0:
            text = log.read_text() if log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr[-1000:]} {text[-2000:]}")
        try:
            for _ in range(50):
                made = run(bin_dir / "createdb", "-h", "127.0.0.1", "-p", port, "-U", user, database)
                if made.returncode == 0:
                    break
                time.sleep(0.2)
            else:
                raise RuntimeError(f"createdb failed: {made.stderr[-1000:]}")
            yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/{database}"
        finally:
            run(bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(top, ignore_errors=True)

"""How long each source notebook takes to run top to bottom in a fresh kernel (goal: < 20 s).

Prints one line per notebook and exits non-zero if any goal is missed. Runs like nbgrader does
(NBGRADER_EXECUTION set, so widgets skip their heavy work).
"""
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
from course import ASSIGNMENTS, source_path  # noqa: E402

GOAL_SECONDS = 20.0


def run(path):
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main():
    os.environ.setdefault("NBGRADER_EXECUTION", "autograde")
    missed = []
    print(f"{'notebook':48s} {'seconds':>8s}  goal < {GOAL_SECONDS:.0f} s")
    for assignment in ASSIGNMENTS:
        path = source_path(assignment)
        if not path.exists():
            print(f"{assignment:48s} {'missing':>8s}")
            continue
        seconds = run(path)
        ok = seconds < GOAL_SECONDS
        missed += [] if ok else [assignment]
        print(f"{assignment + '/' + path.name:48s} {seconds:8.1f}  {'ok' if ok else 'SLOW'}")
    if missed:
        print(f"over the goal: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

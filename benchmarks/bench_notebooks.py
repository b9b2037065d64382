"""How long each source notebook takes to run top to bottom in a fresh kernel.

Each notebook runs twice: first with an empty data cache (05 loads the lattices the course ships
in helpers/ising_samples/ and samples nothing), then with the cache filled; the goal is 20 s
both times (issue 12: every notebook runs top to bottom in under 20 s cold). Prints one line per notebook and exits
non-zero if a goal is missed. Runs like nbgrader does (NBGRADER_EXECUTION set, so widgets skip
their heavy work).
"""
import os
import pathlib
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
from course import ASSIGNMENTS, source_path  # noqa: E402

GOAL_SECONDS = 20.0
GOAL_COLD_SECONDS = 20.0


def run(path):
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main():
    os.environ.setdefault("NBGRADER_EXECUTION", "autograde")
    os.environ["BACKPROP_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-cache-")  # starts empty
    missed = []
    print(f"{'notebook':52s} {'cold':>6s} {'warm':>6s}   goals: cold < {GOAL_COLD_SECONDS:.0f} s, warm < {GOAL_SECONDS:.0f} s")
    for assignment in ASSIGNMENTS:
        path = source_path(assignment)
        if not path.exists():
            print(f"{assignment:52s} {'missing':>6s}")
            continue
        cold, warm = run(path), run(path)
        ok = cold < GOAL_COLD_SECONDS and warm < GOAL_SECONDS
        missed += [] if ok else [assignment]
        print(f"{assignment + '/' + path.name:52s} {cold:6.1f} {warm:6.1f}   {'ok' if ok else 'SLOW'}")
    if missed:
        print(f"over the goal: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Grading speed: plain `nbgrader autograde` against `python -m autograder grade` (sandboxed, parallel).

Both grade the same submissions (copies of the solution of the first course notebook that exists,
else the tests' tiny fixture assignment) in a throwaway copy of the course. Ours runs twice: with a
cold cache (the solution is executed too, for the judge's reference records) and warm (the
reference cached, as on every regrade after the first). Prints the times and the speed-ups.

    python benchmarks/bench_grading.py [N_SUBMISSIONS] [--jobs N]
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from course import built_assignments, source_path  # noqa: E402


def _env():
    env = dict(os.environ)
    env["PATH"] = f"{pathlib.Path(sys.executable).parent}:{env.get('PATH', '')}"
    return env


def _run(cmd, cwd):
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def _course(parent):
    built = built_assignments()
    root = pathlib.Path(parent) / "course"
    if built:
        assignment = built[0]
        (root / "source").mkdir(parents=True)
        shutil.copytree(source_path(assignment).parent, root / "source" / assignment)
        notebook = source_path(assignment).name
    else:
        assignment, notebook = "fixture", "fixture.ipynb"
        shutil.copytree(ROOT / "tests" / "fixtures" / "course", root)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    _run([sys.executable, "-m", "nbgrader", "generate_assignment", assignment, "--force", "--log-level=ERROR"], root)
    return root, assignment, root / "source" / assignment / notebook


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=6, help="number of submissions (default 6)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as parent:
        root, assignment, solution = _course(parent)
        for k in range(args.n):
            folder = root / "submitted" / f"student{k:02d}" / assignment
            folder.mkdir(parents=True)
            shutil.copy(solution, folder / solution.name)
        print(f"{args.n} submissions of {assignment}, {os.cpu_count()} cores, --jobs {args.jobs}")
        plain = _run([sys.executable, "-m", "nbgrader", "autograde", assignment, "--force", "--log-level=ERROR"], root)
        print(f"  nbgrader autograde (serial, no sandbox):      {plain:7.1f} s")
        ours = [sys.executable, "-m", "autograder", "grade", assignment, "--jobs", str(args.jobs), "--quiet",
                "--no-feedback"]
        cold = _run(ours, root)
        print(f"  autograder grade, cold (solution run too):   {cold:7.1f} s   "
              f"speed-up {plain / cold:.2f}x")
        warm = _run(ours, root)
        print(f"  autograder grade, warm (reference cached):   {warm:7.1f} s   "
              f"speed-up {plain / warm:.2f}x")
        print(f"  load average now: {os.getloadavg()[0]:.1f} (others' work on this machine slows the parallel run most)")


if __name__ == "__main__":
    main()

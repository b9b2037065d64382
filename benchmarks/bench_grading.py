"""Grading speed: plain `nbgrader autograde` against `python -m autograder grade` (sandboxed, parallel).

Both grade the same submissions (copies of the solution of the first course notebook that exists,
else the tests' tiny fixture assignment) in a throwaway copy of the course. Ours runs twice: with a
cold cache (the solution is executed too, for the judge's reference records) and warm (the
reference cached, as on every regrade after the first). Ours always includes the sandbox and the
judge. Plain `nbgrader autograde` writes no feedback, so ours runs with --no-feedback beside it;
--feedback adds a like-with-like pair: `nbgrader autograde` + `nbgrader generate_feedback` against
ours (warm) with its feedback. Prints the times (medians with --repeat) and the speed-ups.

    python benchmarks/bench_grading.py [N_SUBMISSIONS] [--jobs N] [--repeat R] [--feedback]
"""
import argparse
import os
import pathlib
import shutil
import statistics
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


_LOOP = "import time\nt = time.perf_counter()\ns = 0\nfor i in range(3_000_000):\n    s += i * i\nprint(time.perf_counter() - t)"


def _cores_check():
    """Seconds of a fixed loop alone, and the slower of two copies at once: equal when two cores are free."""
    def start():
        return subprocess.Popen([sys.executable, "-c", _LOOP], stdout=subprocess.PIPE, text=True)
    alone = float(start().communicate()[0])
    pair = [start(), start()]
    return alone, max(float(p.communicate()[0]) for p in pair)


def _median(times):
    return statistics.median(times)


def _spread(times):
    return f"  (runs: {', '.join(f'{t:.1f}' for t in times)})" if len(times) > 1 else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=6, help="number of submissions (default 6)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; medians are printed")
    parser.add_argument("--feedback", action="store_true",
                        help="also time both with feedback (nbgrader autograde + generate_feedback)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as parent:
        root, assignment, solution = _course(parent)
        for k in range(args.n):
            folder = root / "submitted" / f"student{k:02d}" / assignment
            folder.mkdir(parents=True)
            shutil.copy(solution, folder / solution.name)
        print(f"{args.n} submissions of {assignment}, {os.cpu_count()} cores, --jobs {args.jobs}"
              + (f", median of {args.repeat} runs" if args.repeat > 1 else ""))
        plain_cmd = [sys.executable, "-m", "nbgrader", "autograde", assignment, "--force", "--log-level=ERROR"]
        feedback_cmd = [sys.executable, "-m", "nbgrader", "generate_feedback", assignment, "--force", "--log-level=ERROR"]
        ours = [sys.executable, "-m", "autograder", "grade", assignment, "--jobs", str(args.jobs), "--quiet"]
        checks = [_cores_check()]
        times = {k: [] for k in ("plain", "cold", "warm", "plain+fb", "warm+fb")}
        for _ in range(args.repeat):
            times["plain"].append(_run(plain_cmd, root))
            shutil.rmtree(root / ".cache" / "autograder", ignore_errors=True)
            times["cold"].append(_run(ours + ["--no-feedback"], root))
            times["warm"].append(_run(ours + ["--no-feedback"], root))
            if args.feedback:
                times["plain+fb"].append(_run(plain_cmd, root) + _run(feedback_cmd, root))
                times["warm+fb"].append(_run(ours, root))
        plain, cold, warm = (_median(times[k]) for k in ("plain", "cold", "warm"))
        print("  without feedback (nbgrader autograde makes none; ours runs with --no-feedback):")
        print(f"  nbgrader autograde (serial, no sandbox):      {plain:7.1f} s{_spread(times['plain'])}")
        print(f"  autograder grade, cold (solution run too):   {cold:7.1f} s   "
              f"speed-up {plain / cold:.2f}x{_spread(times['cold'])}")
        print(f"  autograder grade, warm (reference cached):   {warm:7.1f} s   "
              f"speed-up {plain / warm:.2f}x{_spread(times['warm'])}")
        if args.feedback:
            plain_fb, warm_fb = _median(times["plain+fb"]), _median(times["warm+fb"])
            print("  with feedback (both write feedback/, hidden tests removed):")
            print(f"  nbgrader autograde + generate_feedback:      {plain_fb:7.1f} s{_spread(times['plain+fb'])}")
            print(f"  autograder grade, warm, with feedback:       {warm_fb:7.1f} s   "
                  f"speed-up {plain_fb / warm_fb:.2f}x{_spread(times['warm+fb'])}")
        checks.append(_cores_check())
        print("  free cores, before and after: a loop alone / two copies at once: "
              + ", ".join(f"{a:.2f} s / {p:.2f} s" for a, p in checks)
              + " (equal when both cores are free; others' work slows the parallel runs most)")


if __name__ == "__main__":
    main()

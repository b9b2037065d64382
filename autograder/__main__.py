"""Grade the course's submissions safely and in parallel, on top of nbgrader.

Run in the course root (``make grade`` does, with ``GRADE_ARGS``)::

    python -m autograder grade                      # every assignment found under submitted/
    python -m autograder grade 03-two-layer-backprop --jobs 2
    python -m autograder grade --cell-timeout 300 --memory 1.5 --time-limit 1800
    python -m autograder grade 01-gradient-descent --student alice    # regrade one student

It reads ``submitted/<student>/<assignment>/``, writes nbgrader's gradebook, ``autograded/`` and
``feedback/`` (hidden tests removed), then ``grades.csv`` and ``grades.png`` (per-exercise score
distribution), and prints a summary: who, what score, what went wrong, tampering flags.
Each student's kernel runs in a bubblewrap sandbox (``apt-get install bubblewrap``); without
bwrap the command refuses unless given ``--no-sandbox`` (only for submissions you trust).
Exit status 0 when every submission got a grade (a zero included), 1 otherwise, 2 for a usage
error or when grading could not start.
"""
import argparse
import os
import pathlib
import sys

# Seconds of grammar compilation in jsonschema for a URL format check nbformat never makes.
sys.modules.setdefault("rfc3987_syntax", None)

from autograder import sandbox


def _parser():
    p = argparse.ArgumentParser(prog="python -m autograder", description="Grade submissions in sandboxes.")
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade submissions into nbgrader's gradebook")
    g.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all under submitted/")
    g.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                   help="submissions executed at once (default: the number of cores); an assignment's "
                        "solution, when its records are not cached yet, runs beside them")
    g.add_argument("--cell-timeout", type=float, default=120.0, metavar="SECONDS",
                   help="longest a single cell may run (default: 120)")
    g.add_argument("--time-limit", type=float, default=900.0, metavar="SECONDS",
                   help="longest a whole notebook may run (default: 900)")
    g.add_argument("--memory", type=float, default=2.0, metavar="GIB",
                   help="memory limit of each submission's kernel, in GiB (default: 2)")
    g.add_argument("--student", action="append", default=[], metavar="ID",
                   help="grade only this student (repeat for several; default: everyone)")
    g.add_argument("--no-sandbox", action="store_true",
                   help="run kernels without bubblewrap (they can then reach every file you can)")
    g.add_argument("--no-feedback", action="store_true", help="skip generating feedback/")
    g.add_argument("--quiet", action="store_true", help="no progress bars")
    g.add_argument("--scheduler", default="", metavar="tcp://HOST:PORT",
                   help="run the notebooks on this Dask cluster's workers instead of this machine's cores")
    g.add_argument("--root", default=".", help="the course root (default: the current directory)")
    return p


def main(argv=None):
    args = _parser().parse_args(argv)
    from autograder import early, executors
    from autograder.options import Options

    if args.jobs < 1 or args.memory <= 0 or args.cell_timeout <= 0 or args.time_limit <= 0:
        print("--jobs, --memory, --cell-timeout and --time-limit must be positive", file=sys.stderr)
        return 2
    options = Options(assignments=tuple(args.assignments), students=tuple(args.student), jobs=args.jobs, cell_timeout=args.cell_timeout,
                      time_limit=args.time_limit, memory=int(args.memory * sandbox.GIB),
                      sandbox=not args.no_sandbox, feedback=not args.no_feedback, progress=not args.quiet,
                      scheduler=args.scheduler)
    root = pathlib.Path(args.root).resolve()
    try:
        if options.sandbox and not options.scheduler:  # on a cluster, each worker is checked
            sandbox.check_available()
    except sandbox.SandboxUnavailable as err:
        print(f"autograder: {err}", file=sys.stderr)
        return 2
    # Workers and solution runs start now, while nbgrader (about a second of imports) loads below.
    started = early.start(root, options)
    try:
        from autograder import grade, report
    except BaseException:
        early.discard(started)
        raise
    try:
        submissions = grade.grade(root, options, started, while_waiting=report.prepare)
    except (grade.GradingError, executors.ClusterUnavailable) as err:
        print(f"autograder: {err}", file=sys.stderr)
        return 2
    if not submissions:
        print("autograder: nothing to grade (no submissions under submitted/)")
        return 0
    report.write(root, submissions)
    print(report.summary(submissions))
    return 0 if all(report.graded(s) for s in submissions) else 1


if __name__ == "__main__":
    sys.exit(main())

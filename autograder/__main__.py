"""Grade the course's submissions safely and in parallel, on top of nbgrader.

Run in the course root (``make grade`` does, with ``GRADE_ARGS``)::

    python -m autograder grade                      # every assignment found under submitted/
    python -m autograder grade 03-two-layer-backprop --jobs 2
    python -m autograder grade --cell-timeout 300 --memory 1.5 --time-limit 1800
    python -m autograder grade 01-gradient-descent --student alice    # regrade one student
    python -m autograder report                     # grades.csv/png again, after hand grading

It reads ``submitted/<student>/<assignment>/``, writes nbgrader's gradebook, ``autograded/`` and
``feedback/`` (hidden tests removed), then ``grades.csv`` and ``grades.png`` (per-exercise score
distribution) and ``grades.json`` (what the grader found beyond the scores), and prints a summary:
who, what score, what went wrong, tampering flags. ``report`` runs nothing: it writes the three
files and the summary again from the gradebook (hand grades included) and ``grades.json``.
Each student's kernel runs in a bubblewrap sandbox (``apt-get install bubblewrap``); without
bwrap the command refuses unless given ``--no-sandbox`` (only for submissions you trust).
Exit status 0 when every submission got a grade (a zero included), 1 otherwise, 2 for a usage
error or when grading could not start.
"""
import argparse
import pathlib
import sys

# Seconds of grammar compilation in jsonschema for a URL format check nbformat never makes.
sys.modules.setdefault("rfc3987_syntax", None)

from autograder import config, sandbox


def _parser():
    p = argparse.ArgumentParser(prog="python -m autograder", description="Grade submissions in sandboxes.")
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade submissions into nbgrader's gradebook")
    g.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all under submitted/")
    config.add_arguments(g)  # --jobs, --cell-timeout, --time-limit, --memory, --scheduler
    g.add_argument("--student", action="append", default=[], metavar="ID",
                   help="grade only this student (repeat for several; default: everyone)")
    g.add_argument("--no-sandbox", action="store_true",
                   help="run kernels without bubblewrap (they can then reach every file you can)")
    g.add_argument("--no-feedback", action="store_true", help="skip generating feedback/")
    g.add_argument("--quiet", action="store_true", help="no progress bars")
    g.add_argument("--root", default=".", help="the course root (default: the current directory)")
    r = sub.add_parser("report", help="write grades.csv, grades.png and the summary again from the gradebook "
                                      "(after hand grading, or after `nbgrader export` wrote over grades.csv)")
    r.add_argument("--root", default=".", help="the course root (default: the current directory)")
    return p


def _report(root):
    from autograder import grade, report

    everything = report.write(root, [], gradebook=grade.gradebook_of(root))
    if not everything:
        print("autograder: the gradebook holds no submission yet")
        return 0
    print(report.summary(everything))
    return 0


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.command == "report":
        return _report(pathlib.Path(args.root).resolve())
    from autograder import executors
    from autograder.options import Options
    from traitlets import TraitError

    root = pathlib.Path(args.root).resolve()
    try:
        chosen = config.load(root, args)  # defaults < nbgrader_config.py < the flags
    except TraitError as err:
        print(f"autograder: {err}", file=sys.stderr)
        return 2
    options = Options.from_config(chosen, assignments=tuple(args.assignments), students=tuple(args.student),
                                  sandbox=not args.no_sandbox, feedback=not args.no_feedback, progress=not args.quiet)
    try:
        if options.sandbox and not options.scheduler:  # on a cluster, each worker is checked
            sandbox.check_available()
    except sandbox.SandboxUnavailable as err:
        print(f"autograder: {err}", file=sys.stderr)
        return 2
    from autograder import grade, report

    try:
        submissions = grade.grade(root, options, while_waiting=report.prepare)
    except (grade.GradingError, executors.ClusterUnavailable) as err:
        print(f"autograder: {err}", file=sys.stderr)
        return 2
    if not submissions:
        print("autograder: nothing to grade (no submissions under submitted/)")
        return 0
    report.write(root, submissions, gradebook=grade.gradebook_of(root))
    print(report.summary(submissions))
    return 0 if all(report.graded(s) for s in submissions) else 1


if __name__ == "__main__":
    sys.exit(main())

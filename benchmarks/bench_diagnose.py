"""How well feedback names mistakes, on wrong answers it has never seen (tests/unseen_wrong/).

Runs each unseen wrong answer through its exercise's test cells as a student's kernel would and
prints what feedback would say, then the two rates of the goal: the share that gets a
`Likely mistake:` line (goal >= 80 %) and the share of those whose named mistake is the real one
(goal >= 90 %). Exit status 1 when a goal is missed.

    python benchmarks/bench_diagnose.py [ASSIGNMENT ...]
"""
import sys

from autograder import diagnose_unseen


def main(argv):
    rows = diagnose_unseen.measure(set(argv) or None, log=print)
    named, right = diagnose_unseen.rates(rows)
    print(f"\n{len(rows)} unseen wrong answers: {named:.0%} get a Likely mistake line (goal "
          f"{diagnose_unseen.NAMED_GOAL:.0%}), {right:.0%} of those name the real mistake (goal "
          f"{diagnose_unseen.RIGHT_GOAL:.0%})")
    return 0 if named >= diagnose_unseen.NAMED_GOAL and right >= diagnose_unseen.RIGHT_GOAL else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

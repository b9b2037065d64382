"""Grading throughput: the local pool against a Dask cluster on this machine, and a model of a big course.

The same submissions (copies of the first course notebook's solution, else the tests' fixture) are
graded, warm (the solution's records cached) and with feedback, by ``python -m autograder grade``
with ``--jobs P`` and with ``--scheduler`` on a Dask cluster of P single-threaded worker processes
on 127.0.0.1: the same number of processes executing notebooks. Runs alternate; medians are
printed in submissions per minute. Goal: the cluster within 15 % of the local pool.

The model of a run on N worker machines of k cores each, for S submissions::

    T(N) = t0 + S * max(c / (N * k), g)

- c:  seconds of one worker process per submission (its kernel, sandbox and notebook);
- t0: the grader's fixed cost (imports, planning, connecting to the scheduler);
  both from two cluster runs, of S submissions and of one: T(S) - T(1) = c * (S / P - 1), t0 = T(1) - c;
- g:  seconds of the one grader process per submission (staging, sending, the gradebook,
      autograded/ and feedback/ written from that process alone): the difference of its CPU time
      between those two runs (it has no child process on a cluster), over S - 1.

Executing scales with the workers; recording does not (one gradebook writer), so past
N = c / (k * g) machines the run takes S * g however many are added. The model, with c and g
from the P-worker run, predicts a run on one worker; that run is then measured (on a cluster of one) and both printed.

    python benchmarks/bench_cluster.py [N_SUBMISSIONS] [--workers P] [--repeat R]
"""
import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from bench_grading import _cores_check, _course, _env

STUDENTS, NOTEBOOKS = 1000, 5


def _run(cmd, cwd):
    """Wall seconds and CPU seconds (user + system, with its reaped children) of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def predict(t0, c, g, submissions, machines, cores):
    """Seconds to grade ``submissions`` on ``machines`` workers of ``cores`` processes (see the model)."""
    return t0 + submissions * max(c / (machines * cores), g)


def _per_minute(n, seconds):
    return 60 * n / seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=8, help="number of submissions (default 8)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes, local and on the cluster (default: the number of cores)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each (default 2); medians are printed")
    args = parser.parse_args()
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as parent:
        root, assignment, solution = _course(parent)
        for k in range(args.n):
            folder = root / "submitted" / f"student{k:02d}" / assignment
            folder.mkdir(parents=True)
            shutil.copy(solution, folder / solution.name)
            if k == 0:
                single = pathlib.Path(parent) / "single"
                shutil.copytree(root, single)
        grade = [sys.executable, "-m", "autograder", "grade", "--quiet"]
        checks = [_cores_check()]
        print(f"{args.n} submissions of {assignment}, {os.cpu_count()} cores, {args.workers} worker processes "
              f"(local --jobs {args.workers}; cluster: {args.workers} single-threaded Dask workers), with feedback, "
              f"median of {args.repeat}")
        for course in (root, single):  # the solution's records, cached for every run below
            _run(grade + ["--jobs", str(args.workers)], course)
        times = {"local": [], "cluster": [], "cluster cpu": [], "single": [], "single cpu": []}
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            remote = grade + ["--scheduler", cluster.scheduler_address]
            for _ in range(args.repeat):
                times["local"].append(_run(grade + ["--jobs", str(args.workers)], root)[0])
                wall, cpu = _run(remote, root)
                times["cluster"].append(wall)
                times["cluster cpu"].append(cpu)
                wall, cpu = _run(remote, single)
                times["single"].append(wall)
                times["single cpu"].append(cpu)
                print("  run: local {:.1f} s, cluster {:.1f} s (grader CPU {:.1f} s), cluster with one submission "
                      "{:.1f} s (grader CPU {:.1f} s)".format(*(times[k][-1] for k in times)), flush=True)
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            one_worker = _run(grade + ["--scheduler", cluster.scheduler_address], root)[0]
        med = {k: statistics.median(v) for k, v in times.items()}
        local, remote_t = med["local"], med["cluster"]
        print(f"  local pool:   {_per_minute(args.n, local):6.1f} submissions/min ({local:.1f} s; runs "
              + ", ".join(f"{t:.1f}" for t in times["local"]) + ")")
        ratio = local / remote_t
        print(f"  Dask cluster: {_per_minute(args.n, remote_t):6.1f} submissions/min ({remote_t:.1f} s; runs "
              + ", ".join(f"{t:.1f}" for t in times["cluster"]) + f"): {100 * ratio:.0f} % of the local pool's "
              f"throughput (goal: at least 85 %) {'ok' if ratio >= 0.85 else 'BELOW GOAL'}")
        c = max(remote_t - med["single"], 0.0) / max(args.n / args.workers - 1, 1e-9)
        t0 = max(med["single"] - c, 0.0)
        g = max(med["cluster cpu"] - med["single cpu"], 0.0) / max(args.n - 1, 1)
        print(f"  model: t0 = {t0:.1f} s fixed, c = {c:.2f} s of a worker process per submission, "
              f"g = {g:.2f} s of the grader process per submission")
        guess = predict(t0, c, g, args.n, 1, 1)
        print(f"  check: one worker process, predicted {guess:.1f} s, measured {one_worker:.1f} s "
              f"({100 * (guess - one_worker) / one_worker:+.0f} %)")
        total = STUDENTS * NOTEBOOKS
        cores = 8
        print(f"  {STUDENTS} students x {NOTEBOOKS} notebooks ({total} submissions like this one), worker machines "
              f"of {cores} cores, one grader:")
        for machines in (1, 2, 4, 8, 16, 32):
            print(f"    N = {machines:2d}: {predict(t0, c, g, total, machines, cores) / 60:6.1f} min")
        if g > 0:
            print(f"    the one gradebook writer caps a run at {60 / g:.0f} submissions/min: "
                  f"more than {c / (cores * g):.1f} machines of {cores} cores add nothing")
        checks.append(_cores_check())
        print("  free cores, before and after: a loop alone / two copies at once: "
              + ", ".join(f"{a:.2f} s / {p:.2f} s" for a, p in checks)
              + " (equal when both cores are free)")


if __name__ == "__main__":
    main()

import os
import pathlib
import sys

# tests/ holds small shared modules (course.py, inprocess.py) imported by the test files.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
# Every process started from here skips a grammar nothing uses (tests/startup/sitecustomize.py).
sys.modules.setdefault("rfc3987_syntax", None)
_STARTUP = str(pathlib.Path(__file__).resolve().parent / "startup")
if _STARTUP not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [_STARTUP, os.environ.get("PYTHONPATH")]))

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory):
    """The course graded by plain nbgrader in a temp copy: ``(root, {assignment: {student: scores}})``."""
    from course import built_assignments
    from nbgrader_run import graded_copy

    root = tmp_path_factory.mktemp("course")
    return root, graded_copy(root, built_assignments())



# `make test` runs the files in two test processes (pytest-xdist, `-n 2 --dist loadscope`): the
# tests that share an expensive setup (a graded corpus, a JupyterLab server, a cluster) must run in
# one process, so a group is a file, except that three files share the hostile corpus graded once
# (tests/grading_course.graded_course) and the diagnosis corpus splits by assignment. The costly
# groups go first, so that the cheap ones fill in at the end. (xdist's own `loadgroup` marks do
# not reach its scheduler under pytest 9.2: the scheduler is ours.)
_SHARED_GROUPS = {"test_grading.py": "hostile-corpus", "test_feedback.py": "hostile-corpus",
                  "test_executors.py": "hostile-corpus"}
# Measured on this 2-core machine, most costly first; other groups follow in file order.
_COSTLY_FIRST = ["hostile-corpus", "test_handed_in.py", "test_pipeline.py", "test_browser.py",
                 "test_diagnose_grading.py", "test_nbgrader_compat.py", "diagnose-01-gradient-descent",
                 "diagnose-03-two-layer-backprop", "diagnose-02-chain-rule", "test_student_edition.py",
                 "diagnose-04-vanishing-gradients", "test_postgres.py", "diagnose-05-ising-classification",
                 "test_diagnose_unseen.py", "test_right_answers.py", "test_wrong_answers.py"]


def test_group(nodeid):
    """The group of a test, from its node id (``tests/test_x.py::test_y[param]``)."""
    path, _, rest = nodeid.partition("::")
    name = path.rsplit("/", 1)[-1]
    if name == "test_diagnose_corpus.py" and rest.endswith("]") and "[" in rest:
        return "diagnose-" + rest[rest.index("[") + 1:-1].split("/")[0]
    return _SHARED_GROUPS.get(name, name)


def _rank(nodeid):
    group = test_group(nodeid)
    return _COSTLY_FIRST.index(group) if group in _COSTLY_FIRST else len(_COSTLY_FIRST)


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class CourseGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return test_group(nodeid)

        def _assign_work_unit(self, node):
            # The groups, costly first. Only the queue of groups is reordered: the collections stay
            # as each process collected them, since the work sent is indexes into its own list
            # (sorting a collection sent each process tests of other groups, and expensive
            # setups, the plain-nbgrader course for one, were built in both).
            if not getattr(self, "_ranked", False):
                self._ranked = True
                ranked = sorted(self.workqueue.items(), key=lambda item: _rank(next(iter(item[1]))))
                self.workqueue.clear()
                self.workqueue.update(ranked)
            super()._assign_work_unit(node)

    return CourseGroups(config, log)


# The timeline of a run in test processes: each group's time (setup, call and teardown of its
# tests, one after another in one process) and each process's total, at the end of the report,
# so that _COSTLY_FIRST can be checked against what a run really cost.
_GROUP_SECONDS = {}


def pytest_runtest_logreport(report):
    worker = getattr(getattr(report, "node", None), "gateway", None)
    if worker is not None:
        key = worker.id, test_group(report.nodeid)
        _GROUP_SECONDS[key] = _GROUP_SECONDS.get(key, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    if not _GROUP_SECONDS:
        return
    terminalreporter.section("time per test process and group")
    for worker in sorted({w for w, _ in _GROUP_SECONDS}):
        groups = sorted(((s, g) for (w, g), s in _GROUP_SECONDS.items() if w == worker), reverse=True)
        terminalreporter.write_line(f"{worker}: {sum(s for s, _ in groups):.0f} s")
        for seconds, group in groups:
            if seconds >= 5:
                terminalreporter.write_line(f"    {seconds:7.1f} s  {group}")

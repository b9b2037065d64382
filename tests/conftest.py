import pathlib
import sys

# tests/ holds small shared modules (course.py, inprocess.py) imported by the test files.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory):
    """The course graded by plain nbgrader in a temp copy: ``(root, {assignment: {student: scores}})``."""
    from course import built_assignments
    from nbgrader_run import graded_copy

    root = tmp_path_factory.mktemp("course")
    return root, graded_copy(root, built_assignments())



# Files whose tests share one expensive setup (a graded corpus, a JupyterLab server, a cluster)
# must run in one test process; with `pytest -n N --dist loadgroup` (make test) each file is one
# group, these three files share a group, and the diagnosis corpus splits by assignment.
_SHARED_GROUPS = {
    # tests/grading_course.graded_course(): the hostile corpus graded once per process.
    "test_grading.py": "hostile-corpus", "test_feedback.py": "hostile-corpus", "test_executors.py": "hostile-corpus",
}


def _xdist_group(item):
    name = item.path.name
    if name == "test_diagnose_corpus.py" and hasattr(item, "callspec"):
        params = item.callspec.params
        if "case" in params:
            return f"diagnose-{params['case'].parts[-3]}"
        if "assignment" in params:
            return f"diagnose-{params['assignment']}"
    return _SHARED_GROUPS.get(name, name)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(_xdist_group(item)))

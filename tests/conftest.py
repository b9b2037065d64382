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


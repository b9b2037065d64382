"""Run at the start of every Python process the tests start (tests/conftest.py puts this folder on
PYTHONPATH): nbgrader, jupyter, the pytest worker processes.

jsonschema compiles a large URL grammar (rfc3987_syntax, ~3.5 s of CPU) at import when that
package is importable, for a format check that nbformat and nbgrader never make; every plain
`nbgrader` command paid it. `python -m autograder` and its workers go without it already
(autograder/__main__.py, autograder/worker.py); so do the processes of the tests.
"""
import sys

sys.modules.setdefault("rfc3987_syntax", None)

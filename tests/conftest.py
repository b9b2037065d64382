import pathlib
import sys

# tests/ holds small shared modules (course.py, inprocess.py) imported by the test files.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

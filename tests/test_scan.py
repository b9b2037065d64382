"""The static scan of the student's code (autograder/scan.py): IPython's input history is flagged
only where the code reads it as a value, never for a variable of the student's own."""
import nbformat
import pytest

from autograder import scan

HISTORY = scan.HISTORY


def notebook(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


@pytest.mark.parametrize("source", [
    "for _i in range(3):\n    print('debug', _i)",
    "_ii = 2\nprint(_ii * 3)",
    "def f(_i):\n    return _i + 1",
    "squares = [_i ** 2 for _i in range(4)]",
    "def outer():\n    _iii = 1\n    def inner():\n        return _iii\n    return inner",
    "with open('x') as _i3:\n    pass",
    "try:\n    pass\nexcept ValueError as In:\n    print(In)",
    "import numpy as _ih\n_ih.zeros(2)",
    "%timeit sum(range(10))\nfor _i in range(2):\n    print(_i)",
    "x = 'In[-1] and _i are only words in a string' # and In[0] in a comment",
])
def test_the_students_own_names_are_no_history(source):
    assert scan.history_reads([source]) == []
    assert HISTORY not in scan.suspicious(notebook(source))


@pytest.mark.parametrize("source, name", [
    ("print(_i)", "_i"),
    ("last = In[-1]", "In"),
    ("def peek():\n    return _ii + _iii", "_ii"),
    ("grab = lambda: _ih[-2]", "_ih"),
    ("def f():\n    return [x for x in _i12]", "_i12"),
    ("!echo hi\ntext = _i", "_i"),
])
def test_a_read_of_the_history_is_flagged(source, name):
    assert name in scan.history_reads([source])
    assert HISTORY in scan.suspicious(notebook(source))


def test_a_loop_variable_in_one_cell_binds_the_name_for_the_others():
    assert scan.history_reads(["for _i in range(2):\n    pass", "print(_i)"]) == []


def test_code_that_is_not_python_is_searched_for_the_names_as_words():
    assert scan.history_reads(["def broken(:\n    return _ii"]) == ["_ii"]


def test_the_kernels_history_reached_through_its_namespace_is_still_flagged():
    source = "def f():\n    return get_ipython().user_ns.get('_i', '')"
    assert HISTORY in scan.suspicious(notebook(source))

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


KEEPS = "keeps the arguments its functions are called with"
INSPECTS = "inspects the code of functions it is given"


@pytest.mark.parametrize("source", [
    "_seen = []\ndef neuron_gradients(x, w, b, y):\n    _seen.append((x.tolist(), w, b, y))\n    return 0.0, w, b",
    "log = {}\ndef sigmoid(z):\n    log[len(log)] = z\n    return z",
    "def sigmoid(z):\n    global last\n    last = z\n    return z",
    "_fs = []\ndef numerical_gradient(f, x, eps=1e-5):\n    def keep(v):\n        _fs.append(v)\n    keep(f)\n    return x",
    "calls = []\nclass Value:\n    def __mul__(self, other):\n        calls.append(other)\n        return self",
    "class Box: pass\nbox = Box()\ndef relu_derivative(z):\n    box.z = z\n    return z",
])
def test_a_function_that_keeps_its_arguments_for_later_is_flagged(source):
    assert KEEPS in scan.suspicious(notebook(source))


@pytest.mark.parametrize("source", [
    "def f(x):\n    out = []\n    out.append(x)\n    return out",
    "history = []\ndef train(X, Y):\n    loss = float((X - Y).sum())\n    history.append(loss)\n    return loss",
    "def backward(self):\n    topo, seen = [], set()\n    def build(v):\n        if v not in seen:\n            seen.add(v)\n            topo.append(v)\n    build(self)",
    "class Value:\n    def __init__(self, data, children=()):\n        self.data = data\n        self._prev = set(children)\n"
    "    def __add__(self, other):\n        out = Value(self.data + other.data, (self, other))\n        out._prev.add(other)\n        return out",
])
def test_a_function_that_keeps_only_its_own_things_is_not(source):
    assert KEEPS not in scan.suspicious(notebook(source))


@pytest.mark.parametrize("source", ["import dis\ndis.dis(f)", "print(f.__code__.co_consts)",
                                    "from inspect import getsource\nimport inspect\ninspect.getsource(f)",
                                    "print([c.cell_contents for c in f.__closure__])"])
def test_reading_the_code_of_a_function_is_flagged(source):
    assert INSPECTS in scan.suspicious(notebook(source))


def test_a_cell_run_as_released_is_the_instructors_code():
    demo = "explorer(namespace=globals())"
    assert scan.suspicious(notebook(demo), given=[demo]) == []
    assert scan.suspicious(notebook(demo + "  # mine now"), given=[demo]) == ["looks into its caller's frame or globals"]


def test_no_solution_and_no_right_answer_of_the_course_is_flagged():
    """The scan speaks of honest work too: every solution notebook and tests/right/ answer is clean."""
    import pathlib

    from course import built_assignments, read, release_path, source_path

    for assignment in built_assignments():
        given = [c.source for c in read(release_path(assignment)).cells if c.cell_type == "code"]
        assert scan.suspicious(read(source_path(assignment)), given) == [], assignment
    for path in sorted(pathlib.Path(__file__).parent.joinpath("right").rglob("*.py")):
        assert scan.suspicious(notebook(path.read_text())) == [], path


@pytest.mark.parametrize("source, label", [
    ("get_ipython().ast_transformers.append(Swap())", "hooks the kernel"),
    ("ip = get_ipython()\nip.input_transformers_post.append(rewrite)", "hooks the kernel"),
    ("get_ipython().input_transformer_manager.line_transforms.append(t)", "hooks the kernel"),
    ("from IPython.core.interactiveshell import InteractiveShell\nInteractiveShell.run_cell = mine", "hooks the kernel"),
    ("get_ipython().events.register('pre_run_cell', peek)", "hooks the kernel"),
    ("import warnings as _w\n_w.catch_warnings = _never", "patches warnings"),
    ("warnings.showwarning = lambda *a, **k: None", "patches warnings"),
])
def test_rewriting_cells_or_the_warning_machinery_is_flagged(source, label):
    assert label in scan.suspicious(notebook(source))


@pytest.mark.parametrize("source", ["import warnings\nwarnings.filterwarnings('ignore')",
                                    "with warnings.catch_warnings():\n    warnings.simplefilter('ignore')",
                                    "with np.errstate(over='ignore'):\n    y = np.exp(-z)"])
def test_honest_silencing_of_warnings_is_not(source):
    assert "patches warnings" not in scan.suspicious(notebook(source))

"""Trying implementations on a solved notebook in this process (autograder.fingerprints.Solved)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402

from autograder import fingerprints  # noqa: E402


def _solved(tmp_path, *cells):
    nb = nbformat.v4.new_notebook()
    for i, (source, grade_id) in enumerate(cells):
        cell = nbformat.v4.new_code_cell(source)
        if grade_id:
            cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": grade_id, "points": 1}
        nb.cells.append(cell)
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, str(path))
    return fingerprints.Solved(path)


def test_a_wrong_answer_drawing_from_the_global_generator_gives_the_same_records_every_time(tmp_path):
    solved = _solved(tmp_path, ("import numpy as np\ndef noisy():\n    return 1.0", None),
                     ("from helpers.evidence import record\nrecord('noisy', noisy())", "test_noisy"))
    wrong = "def noisy():\n    return float(np.random.random())"
    np.random.random(7)  # whatever state the process is in
    first = solved.try_code(wrong, "noisy")["cells"]["test_noisy"]
    np.random.random(3)
    assert solved.try_code(wrong, "noisy")["cells"]["test_noisy"] == first
    assert first[0]["value"] != 1.0


def test_a_copy_of_the_namespace_shares_figures_and_copies_data():
    fig, axes = plt.subplots(1, 2)
    data = np.zeros(3)
    mixed = np.array([1, "a"], dtype=object)
    ns = fingerprints.copy_namespace({"fig": fig, "axes": axes, "ax": axes[0], "data": data, "mixed": mixed})
    assert ns["fig"] is fig and ns["axes"] is axes and ns["ax"] is axes[0]
    assert ns["data"] is not data and np.array_equal(ns["data"], data)
    assert ns["mixed"] is not mixed  # an object array of data is copied, not shared
    ns["data"][0] = 5.0
    assert data[0] == 0.0
    plt.close(fig)

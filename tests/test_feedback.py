"""Feedback shows each test's result and visible part, never hidden tests, their tracebacks or
evidence records, nor what was printed while they ran: after `python -m autograder grade`, after
plain `nbgrader generate_feedback`, and for a notebook built here to leak on purpose. A written
answer waiting for hand grading reads "pending"; a cell the grader put back reads neutrally."""
import copy
import shutil
import subprocess
import sys

import jinja2
import nbformat
import pytest
from system_tools import require_tool

import grading_course as gc
from helpers.evidence import MIME
from autograder import hidden_phase, stage, worker
from autograder.feedback import (_ANSI, AFTER_HIDDEN, HIDDEN_FAILED, HIDDEN_OUTPUT, PENDING, PLACEHOLDER, QUOTED,
                                 RESTORED_FOR_STUDENT, HideHiddenTests, score_number)

# Strings that only the hidden parts of the fixture's tests contain.
# (Evidence records are recognised by their names: a submission may spell out the MIME type itself.)
SECRETS = ["zebra-quartz", "walrus-ember", "default_rng(7)", "rng_t.normal", "got_t", "BEGIN HIDDEN",
           "square of a random 3x5 matrix", "mean_loss of random vectors"]
VISIBLE = ["multiply each entry by itself", "the mean, not the sum", "hidden tests ran here"]


def _check_feedback_folder(root):
    pages = sorted((root / "feedback").glob(f"*/{gc.ASSIGNMENT}/{gc.ASSIGNMENT}.html"))
    assert len(pages) >= len(gc.cases()) - 2  # the two broken files are graded as the bare release
    for page in pages:
        text = page.read_text()
        for secret in SECRETS:
            assert secret not in text, f"{page}: {secret!r}"
        for visible in VISIBLE:
            assert visible in text, f"{page}: {visible!r} missing"
    return pages


@pytest.mark.slow
def test_feedback_of_the_grading_run_hides_hidden_tests():
    require_tool(shutil.which("bwrap"), "bubblewrap")
    graded = gc.graded_course()
    pages = _check_feedback_folder(graded["root"])
    honest = next(p for p in pages if p.parent.parent.name == "honest_full").read_text()
    assert "Score: 3.0 / 3.0" in honest
    half = next(p for p in pages if p.parent.parent.name == "honest_half").read_text()
    assert "AssertionError: " + HIDDEN_FAILED in half


@pytest.mark.slow
def test_plain_nbgrader_generate_feedback_hides_them_too():
    require_tool(shutil.which("bwrap"), "bubblewrap")
    root = gc.graded_course()["root"]
    shutil.rmtree(root / "feedback")
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_feedback", gc.ASSIGNMENT, "--force",
                    "--log-level=ERROR"], cwd=root, env=gc.env(), check=True, capture_output=True)
    _check_feedback_folder(root)


def _cell(source, outputs, grade_id="test_x", count=4):
    cell = nbformat.v4.new_code_cell(source, execution_count=count)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": grade_id,
                                 "points": 1, "schema_version": 3}
    cell.outputs = [nbformat.v4.new_output(**o) for o in outputs]
    return cell


def _traceback(line):
    return ["\x1b[0;31m-----\x1b[0m", f"Cell \x1b[0;32mIn[4], line {line}\x1b[0m", f"----> {line} secret_call()"]


def test_the_preprocessor_on_a_leaky_notebook():
    source = "check_close('a', a, 1.0)\n### BEGIN HIDDEN TESTS\nexpected_secret = 42\nassert a == expected_secret\n### END HIDDEN TESTS"
    visible_error = {"output_type": "error", "ename": "AssertionError", "evalue": "a is not the expected value",
                     "traceback": _traceback(1)}
    hidden_error = {"output_type": "error", "ename": "AssertionError", "evalue": "a != 42", "traceback": _traceback(4)}
    record = {"output_type": "display_data", "data": {"application/vnd.backprop-evidence+json": {"name": "a"}}}
    quote = {"output_type": "stream", "name": "stdout", "text": "leak: expected_secret = 42\n"}
    nb = nbformat.v4.new_notebook(cells=[
        _cell(source, [visible_error, record], "test_a"),
        _cell(source, [hidden_error], "test_b"),
        nbformat.v4.new_code_cell("print(In)", outputs=[nbformat.v4.new_output(**quote)]),
    ])
    nb, _ = HideHiddenTests().preprocess(nb, {})
    first, second, third = nb.cells
    assert "expected_secret" not in first.source and PLACEHOLDER in first.source and "check_close" in first.source
    assert [o.evalue for o in first.outputs] == ["a is not the expected value"]  # the record is gone
    assert first.outputs[0].traceback == ["AssertionError: a is not the expected value"]
    assert second.outputs[0].evalue == HIDDEN_FAILED and "42" not in str(second.outputs)
    assert third.outputs[0].text == QUOTED


# -- what ran during the hidden tests, a visible check that failed, a cell put back, pending ----------
def _texts(cell):
    return [o.get("text") or f"{o.get('ename')}: {o.get('evalue')}" for o in cell.outputs]


def _stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


MARKER = {"output_type": "display_data", "data": {hidden_phase.MIME: {}}, "metadata": {}}
RECORD = {"output_type": "display_data", "data": {"application/vnd.backprop-evidence+json": {"name": "a"}}}
HIDDEN = "f(2)\n### BEGIN HIDDEN TESTS\nrecord('a', f(np.arange(7)))\n### END HIDDEN TESTS"


def test_what_was_printed_while_the_hidden_tests_ran_is_not_shown():
    nb = nbformat.v4.new_notebook(cells=[
        # Our grader's run: the visible part's print stays, the hidden part's gives way to one line.
        _cell(HIDDEN, [_stream("args: 2\n"), MARKER, _stream("args: [0 1 2 3 4 5 6]\n"), RECORD,
                       _stream("✓ the visible tests pass\n")], "test_a"),
        # A marker printed by the student's code after the hidden prints does not move the line.
        _cell(HIDDEN, [_stream("args: 2\n"), MARKER, _stream("shape (7,)\n"), MARKER, _stream("late\n")], "test_b"),
        # Plain nbgrader (no marker): nothing printed can be placed, so nothing printed is shown.
        _cell(HIDDEN, [_stream("args: 2\nargs: [0 1 2 3 4 5 6]\n")], "test_c"),
        # A hidden failure stays, as the one line that says so.
        _cell(HIDDEN, [MARKER, _stream("shape (7,)\n"),
                       {"output_type": "error", "ename": "AssertionError", "evalue": "7 != 8",
                        "traceback": _traceback(3)}], "test_d"),
        # Nothing printed after the marker but a record: no line about it.
        _cell(HIDDEN, [_stream("args: 2\n"), MARKER, RECORD], "test_e"),
    ])
    nb, _ = HideHiddenTests().preprocess(nb, {})
    assert [_texts(c) for c in nb.cells] == [
        ["args: 2\n", HIDDEN_OUTPUT],
        ["args: 2\n", HIDDEN_OUTPUT],
        [HIDDEN_OUTPUT],
        [HIDDEN_OUTPUT, "AssertionError: " + HIDDEN_FAILED],
        ["args: 2\n"],
    ]


def _student_cell(source, text):
    cell = nbformat.v4.new_code_cell(source, execution_count=9)
    cell.outputs = [nbformat.v4.new_output(**_stream(text))]
    return cell


@pytest.mark.parametrize("keeper", [
    "_seen = []\ndef f(x):\n    _seen.append(x)\n    return x * x",   # keeps the hidden test's inputs
    "import dis\ndef f(x):\n    return x * x",                       # reads the hidden test's function
])
def test_a_notebook_that_keeps_what_its_functions_see_shows_nothing_printed_after_hidden_tests(keeper):
    """Its later cells could print the hidden inputs (a global list, ``dis.dis`` of a hidden ``f``):
    their output is replaced; what was printed before any hidden test ran stays."""
    nb = nbformat.v4.new_notebook(cells=[
        _student_cell(keeper, "defined\n"),
        _cell(HIDDEN, [_stream("args: 2\n"), MARKER, RECORD], "test_a"),
        _student_cell("print(_seen)", "[2, array([0, 1, 2, 3, 4, 5, 6])]\n"),
    ])
    honest = copy.deepcopy(nb)
    honest.cells[0].source = "def f(x):\n    return x * x"
    nb, _ = HideHiddenTests().preprocess(nb, {})
    assert [_texts(c) for c in nb.cells] == [["defined\n"], ["args: 2\n"], [AFTER_HIDDEN]]
    honest, _ = HideHiddenTests().preprocess(honest, {})
    assert _texts(honest.cells[2]) == ["[2, array([0, 1, 2, 3, 4, 5, 6])]\n"]


def test_a_failed_visible_check_is_not_followed_by_a_hidden_test_failure():
    check = {"output_type": "error", "ename": "CheckFailed", "evalue": "f(2) is not the expected value.",
             "traceback": _traceback(1)}
    rejected = {"output_type": "error", "ename": "HiddenTestFailed", "evalue": "the grader's own check ... did not pass",
                "traceback": ["HiddenTestFailed: ..."]}
    only_judge = _cell(HIDDEN, [MARKER, rejected], "test_b")
    nb = nbformat.v4.new_notebook(cells=[_cell(HIDDEN, [check, rejected], "test_a"), only_judge])
    nb, _ = HideHiddenTests().preprocess(nb, {})
    assert _texts(nb.cells[0]) == ["CheckFailed: f(2) is not the expected value."]
    assert _texts(nb.cells[1]) == ["HiddenTestFailed: the grader's own check ... did not pass"]


def test_a_cell_the_grader_put_back_reads_neutrally_for_the_student():
    written = nbformat.v4.new_markdown_cell(stage.RESTORED_TEXT.format(grade_id="why") + "YOUR ANSWER HERE")
    code = nbformat.v4.new_code_cell("\n".join("# " + line for line in
                                               (stage.RESTORED_TEXT.format(grade_id="f") + "x = 1").splitlines()))
    for cell, gid in ((written, "why"), (code, "f")):
        cell.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "grade_id": gid,
                                     "points": 2, "schema_version": 3}
    nb, _ = HideHiddenTests().preprocess(nbformat.v4.new_notebook(cells=[written, code]), {})
    assert written.source == RESTORED_FOR_STUDENT + "YOUR ANSWER HERE"
    assert code.source == ("# This cell was missing from your notebook; the grader put it back so that it could be "
                           "graded. An answer you wrote in another cell is read there.\n# \n# x = 1")


def test_a_pending_score_reads_pending_in_the_template():
    env = jinja2.Environment()
    env.filters["float"] = score_number
    template = env.from_string("Score: {{ s | float | round(2) }} / {{ p | float | round(2) }}")
    assert template.render(s=PENDING, p=2) == "Score: pending (hand grading) / 2.0"
    assert template.render(s=1.5, p=2) == "Score: 1.5 / 2.0"
    assert template.render(s=None, p=2) == "Score: 0.0 / 2.0"  # Jinja's own float otherwise


def _run_unsandboxed(nb, tmp_path):
    """``worker.run`` of ``nb`` without the sandbox, in one kernel."""
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(tmp_path / "in.ipynb"))
    return worker.run({"name": "unsandboxed", "notebook": str(tmp_path / "in.ipynb"), "output": str(tmp_path / "out.ipynb"),
                       "cell_timeout": 60, "time_limit": 120, "memory": 2 * 1024 ** 3, "sandbox": False,
                       "data_files": [], "threads": 1})


def test_the_worker_runs_a_test_cell_in_two_parts_with_the_marker_between(tmp_path):
    """Unsandboxed, one kernel: outputs in order, the hidden part only after a visible part that
    passed, tracebacks with the cell's own line numbers, execution counts as for one request each."""
    def test_cell(source, gid):
        return _cell(source, [], gid, count=None)

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("def f(x):\n    print('arg', x)\n    return x"),
        test_cell("f(1)\n### BEGIN HIDDEN TESTS\nf(2)\nassert f(3) == 4\n### END HIDDEN TESTS", "t1"),
        test_cell("assert f(5) == 6\n### BEGIN HIDDEN TESTS\nf(7)\n### END HIDDEN TESTS", "t2"),
        nbformat.v4.new_code_cell("from IPython.display import display\n"
                                  f"display({{'{hidden_phase.MIME}': {{}}}}, raw=True)\nf(8);"),
    ])
    result = _run_unsandboxed(nb, tmp_path)
    cells = result["notebook"].cells
    kinds = [[o.get("text") or o.get("ename") or ("marker" if hidden_phase.is_marker(o) else o.output_type)
              for o in c.outputs] for c in cells]
    assert kinds == [[], ["arg 1\n", "marker", "arg 2\narg 3\n", "AssertionError"], ["arg 5\n", "AssertionError"],
                     ["arg 8\n"]]  # the student's own marker is dropped
    assert [c.execution_count for c in cells] == [1, 2, 3, 4]
    assert "line 4" in _ANSI.sub("", "".join(cells[1].outputs[-1].traceback))
    assert [c.source for c in cells] == [c.source for c in nb.cells]
    assert result["status"] == "ok" and result["executed"] == [0, 1, 2, 3]


def test_hidden_tests_see_the_builtins_a_scratch_cell_rebound_to_data_and_the_student_keeps_them(tmp_path):
    """``range = np.linspace(...)`` in a scratch cell must not fail a hidden test that calls range();
    a name the student rebound to something callable (their own max) stays theirs; after the cell
    every name is as the student left it."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("range, list, callable = [0.5, 1.5], [], 3\ndef max(*a):\n    return 'mine'"),
        _cell("print('visible')\n### BEGIN HIDDEN TESTS\nprint(list(range(3)), max(1, 2))\n### END HIDDEN TESTS",
              [], "t1", count=None),
        nbformat.v4.new_code_cell("print(range, max(1, 2), list, callable)"),
    ])
    result = _run_unsandboxed(nb, tmp_path)
    texts = [[o.get("text") or o.get("ename") or ("marker" if hidden_phase.is_marker(o) else o.output_type)
              for o in c.outputs] for c in result["notebook"].cells]
    assert texts == [[], ["visible\n", "marker", "[0, 1, 2] mine\n"], ["[0.5, 1.5] mine [] 3\n"]]
    assert [c.execution_count for c in result["notebook"].cells] == [1, 2, 3]
    assert result["status"] == "ok" and result["executed"] == [0, 1, 2]


def _locked(source):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": True, "grade_id": "setup",
                                 "schema_version": 3}
    return cell


def _texts_of(result):
    return [[o.get("text") or o.get("ename") or ("marker" if hidden_phase.is_marker(o) else o.output_type)
             for o in c.outputs] for c in result["notebook"].cells]


def test_hidden_tests_use_the_instructors_imports_whatever_the_student_rebound(tmp_path):
    """``from numpy import *`` brings a ``record`` of numpy's; a scratch cell says ``join = ...``:
    the hidden part (which the student never sees use them) runs with the instructor's imports,
    and the student's names are theirs again after it."""
    nb = nbformat.v4.new_notebook(cells=[
        _locked("%matplotlib inline\nimport math\nfrom os.path import (\n    join)\nimport numpy as np"),
        nbformat.v4.new_code_cell("from numpy import *\nmath = [1, 2]\ndef join(*parts):\n    return 'mine'"),
        _cell("print('visible')\n### BEGIN HIDDEN TESTS\nprint(math.sqrt(4.0), join('a', 'b'), np.__name__)\n"
              "### END HIDDEN TESTS", [], "t1", count=None),
        nbformat.v4.new_code_cell("print(math, join('a', 'b'))"),
    ])
    result = _run_unsandboxed(nb, tmp_path)
    assert _texts_of(result) == [[], [], ["visible\n", "marker", "2.0 a/b numpy\n"], ["[1, 2] mine\n"]]
    assert result["status"] == "ok"


def test_clear_output_in_the_students_code_keeps_the_tests_records(tmp_path):
    """A live progress line (``clear_output(wait=True)`` then a print) in a function the hidden
    tests call clears what was printed, not the evidence that decides the points."""
    nb = nbformat.v4.new_notebook(cells=[
        _locked("from helpers.evidence import record"),
        nbformat.v4.new_code_cell("from IPython.display import clear_output\n"
                                  "def f(x):\n    clear_output(wait=True)\n    print('working on', x)\n    return 2 * x"),
        _cell("f(1)\n### BEGIN HIDDEN TESTS\nrecord('a', f(2))\nrecord('b', f(3))\nclear_output()\n"
              "### END HIDDEN TESTS", [], "t1", count=None),
    ])
    result = _run_unsandboxed(nb, tmp_path)
    outputs = result["notebook"].cells[2].outputs
    assert [o["data"][MIME]["name"] for o in outputs if MIME in o.get("data", {})] == ["a", "b"]
    assert not any("working" in (o.get("text") or "") for o in outputs[1:])  # the clears did clear


def test_the_students_input_and_ast_transformers_do_not_touch_hidden_tests(tmp_path):
    """A transformer that rewrites every cell (asserts to ``pass``, 5 to 4) would make a hidden
    test record or check what the student likes: hidden parts run with IPython's own; the
    student's are back for their next cell."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(
            "import ast\nclass Four(ast.NodeTransformer):\n    def visit_Constant(self, node):\n"
            "        return ast.Constant(4) if node.value == 5 else node\n"
            "ip = get_ipython()\nip.ast_transformers.append(Four())\n"
            "ip.input_transformers_post.append(lambda lines: [l.replace('assert', 'pass  #') for l in lines])\n"
            "def f(x):\n    return x + 2"),
        _cell("print(f(1))\n### BEGIN HIDDEN TESTS\nprint(5)\nassert f(2) == 5\n### END HIDDEN TESTS", [], "t1", count=None),
        nbformat.v4.new_code_cell("print(5)\nassert False"),
    ])
    result = _run_unsandboxed(nb, tmp_path)
    assert _texts_of(result) == [[], ["3\n", "marker", "5\n", "AssertionError"], ["4\n"]]


def test_a_hidden_failure_keeps_only_a_catalogue_line_of_its_message():
    """A check that fails in the hidden part may have named the mistake (catalogue text): that line
    stays; the rest of the message, and any line the submission made up, goes."""
    from autograder import catalogue
    from helpers.mistakes import PREFIX, sentence
    likely = f"{PREFIX} {sentence(catalogue.kinds()['sign_flipped'])}"
    source = "check_close('a', a, 1.0)\n### BEGIN HIDDEN TESTS\nexpected_secret = 42\ncheck_close('b', b, 42)\n### END HIDDEN TESTS"
    errors = [{"output_type": "error", "ename": "CheckFailed", "evalue": f"b is not the expected value\n  expected: 42\n  {text}",
               "traceback": _traceback(4)} for text in (likely, f"{PREFIX} the answer is 42")]
    nb = nbformat.v4.new_notebook(cells=[_cell(source, [error], f"test_{n}") for n, error in enumerate(errors)])
    nb, _ = HideHiddenTests().preprocess(nb, {})
    assert nb.cells[0].outputs[0].evalue == f"{HIDDEN_FAILED}\n{likely}"
    assert nb.cells[1].outputs[0].evalue == HIDDEN_FAILED

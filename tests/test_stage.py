"""autograder.stage on in-memory notebooks: copied, split, converted, deleted and stripped cells,
other editors' metadata, notebooks with other names or in other places. Fast: no kernel, no nbgrader run."""
import copy
import os
import time

import nbformat
import pytest

from autograder import stage

NBG = {"schema_version": 3}


def _cell(kind, source, gid=None, grade=False, solution=False, locked=False, points=None, cid=None):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    if cid:
        cell["id"] = cid
    if gid:
        meta = dict(NBG, grade_id=gid, grade=grade, solution=solution, locked=locked)
        if points is not None:
            meta["points"] = points
        cell.metadata["nbgrader"] = meta
        if locked:
            cell.metadata.update(deletable=False, editable=False)
    return cell


def release():
    """A small release: intro, imports, a solution + test, a read-only intro, a written answer, outro."""
    return nbformat.v4.new_notebook(cells=[
        _cell("markdown", "# Title", "intro", locked=True, cid="intro"),
        _cell("code", "import numpy as np", "imports", locked=True, cid="imports"),
        _cell("code", "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()", "f", solution=True, cid="f"),
        _cell("code", "assert f(2) == 4", "test_f", grade=True, locked=True, points=2, cid="test-f"),
        _cell("markdown", "## Written answer: why?", "intro-why", locked=True, cid="intro-why"),
        _cell("markdown", "YOUR ANSWER HERE", "why", grade=True, solution=True, points=1, cid="why"),
        _cell("markdown", "That is all.", "outro", locked=True, cid="outro"),
    ])


def answered():
    nb = release()
    nb.cells[2].source = "def f(x):\n    return x * x"
    nb.cells[5].source = "Because."
    return nb


KNOWN = {"intro", "imports", "f", "test_f", "intro-why", "why", "outro"}


def ids(nb):
    return [stage.grade_id(c) for c in nb.cells]


def test_a_clean_notebook_is_left_alone():
    nb = answered()
    before = copy.deepcopy(nb)
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert notes == [] and [c.source for c in nb.cells] == [c.source for c in before.cells]
    assert ids(nb) == ids(before)


def test_a_pasted_copy_of_a_test_cell_is_graded_once():
    nb = answered()
    nb.cells.insert(4, copy.deepcopy(nb.cells[3]))
    nb.cells[4]["id"] = "pasted"
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert ids(nb).count("test_f") == 1 and len(nb.cells) == 8
    assert "nbgrader" not in nb.cells[3].metadata or "nbgrader" not in nb.cells[4].metadata
    assert any("test_f appeared 2 times" in n for n in notes)


def test_nbgraders_empty_leftover_is_no_metadata():
    nb = answered()
    nb.cells.insert(4, nbformat.v4.new_code_cell("assert f(2) == 4", metadata={"nbgrader": {}}))
    nb, _ = stage.repair(nb, release(), KNOWN)
    assert all(c.metadata.get("nbgrader", None) != {} for c in nb.cells)


def test_a_split_answer_keeps_the_grade_on_the_students_part():
    nb = answered()
    half = copy.deepcopy(nb.cells[2])
    half.source, half["id"] = "SQUARE = 2", "half"
    nb.cells[2].source = "def f(x):\n    return x ** SQUARE"
    nb.cells.insert(2, half)
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert ids(nb).count("f") == 1 and any("appeared 2 times" in n for n in notes)
    assert len([c for c in nb.cells if c.cell_type == "code"]) == 4  # both halves still run


def test_a_deleted_written_answer_is_put_back_after_its_intro_for_hand_grading():
    nb = answered()
    del nb.cells[5]
    nb.cells.insert(5, nbformat.v4.new_markdown_cell("My retyped answer: because."))
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert ids(nb)[4:7] == ["intro-why", "why", None]
    assert nb.cells[6].source == "My retyped answer: because."
    restored = nb.cells[5]
    assert restored.source != "YOUR ANSWER HERE" and "missing from the submission" in restored.source
    assert any("why was missing" in n and "hand grading" in n for n in notes)


def test_a_deleted_test_cell_is_put_back_after_its_solution():
    nb = answered()
    del nb.cells[3]
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert ids(nb)[2:4] == ["f", "test_f"]
    assert any("test_f was missing" in n for n in notes)


def test_a_deleted_answer_code_cell_is_not_put_back_as_a_stub():
    nb = answered()
    nb.cells[2] = nbformat.v4.new_code_cell("def f(x):\n    return x * x")  # retyped without metadata
    nb.cells[2].metadata = {}
    before = len(nb.cells)
    nb.cells.insert(3, nbformat.v4.new_markdown_cell("a note"))  # so position cannot match
    nb, _ = stage.repair(nb, release(), KNOWN)
    assert "raise NotImplementedError" not in "".join(c.source for c in nb.cells if c.cell_type == "code"
                                                       and "nbgrader" not in c.metadata)
    assert len(nb.cells) == before + 1


@pytest.mark.parametrize("keep_ids", [True, False], ids=["cell ids kept", "cell ids lost"])
def test_stripped_metadata_is_restored_from_the_release(keep_ids):
    nb = answered()
    for cell in nb.cells:
        cell.metadata = {}
        if not keep_ids:
            cell["id"] = os.urandom(4).hex()
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert ids(nb) == ids(answered())
    assert nb.cells[2].source == "def f(x):\n    return x * x"  # the student's answer, kept
    assert any(("by cell id" if keep_ids else "by content") in n for n in notes)


def test_nothing_to_match_says_so_in_words():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("def square(x):\n    return x * x")])
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert any(n.startswith(stage.NO_METADATA) for n in notes)
    assert ids(nb)[-1] == "why" and "test_f" in ids(nb)  # tests put back after the student's code


def test_stripped_answer_cells_among_scratch_cells_are_matched_by_what_they_define():
    """Colab: no ids, no metadata; a scratch cell before the answer and the intro deleted. The answer
    cell is the one that defines ``f``, so it is no "missing" answer."""
    nb = answered()
    nb.cells.insert(2, nbformat.v4.new_code_cell("x = np.linspace(0, 1, 3)\nprint(f)"))
    del nb.cells[0]
    for cell in nb.cells:
        cell.metadata = {}
        cell.pop("id", None)
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert stage.grade_id(nb.cells[2]) == "f" and stage.grade_id(nb.cells[1]) is None
    assert not any("missing" in n for n in notes), notes



def test_of_several_stripped_cells_defining_the_answer_the_last_one_is_it():
    """A scratch cell that redefines ``f`` after the answer: the tests below use that one."""
    nb = answered()
    nb.cells.insert(3, nbformat.v4.new_code_cell("def f(x):\n    return x ** 2"))
    for cell in nb.cells:
        cell.metadata = {}
        cell.pop("id", None)
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert [stage.grade_id(c) for c in nb.cells[2:5]] == [None, "f", "test_f"]
    assert not any("missing" in n for n in notes), notes


@pytest.mark.parametrize("where", ["notes around it", "answer split in two"])
def test_a_stripped_written_answer_among_the_students_markdown_gets_all_their_text(where):
    """No ids, no metadata, and more markdown cells where the written answer belongs than answers:
    the answer cell gets every one of them (the hand grader decides), never a "missing" note."""
    nb = answered()
    if where == "notes around it":
        nb.cells.insert(6, nbformat.v4.new_markdown_cell("(check again)"))
        nb.cells.insert(5, nbformat.v4.new_markdown_cell("**Answer:**"))
        texts = ["**Answer:**", "Because.", "(check again)"]
    else:
        nb.cells.insert(6, nbformat.v4.new_markdown_cell("And that is why."))
        texts = ["Because.", "And that is why."]
    for cell in nb.cells:
        cell.metadata = {}
        cell.pop("id", None)
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert ids(nb) == ids(answered())
    assert nb.cells[5].source == "\n\n".join(texts)
    assert not any("missing" in n for n in notes), notes
    assert any(f"why: {len(texts)} markdown cells" in n for n in notes), notes


def test_a_byte_order_mark_is_dropped_with_a_note(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(nbformat.writes(answered()).replace("\n", "\r\n").encode("utf-8-sig"))
    nb, notes = stage.read_submitted(path)
    assert stage.grade_id(nb.cells[2]) == "f" and "byte-order mark" in notes[0]
    path.write_bytes(nbformat.writes(answered()).encode("utf-16"))
    assert stage.read_submitted(path)[0].cells[2].source == "def f(x):\n    return x * x"


@pytest.mark.parametrize("content, why", [
    (b"", "the file is empty (0 bytes)"),
    (b"  \n", "the file holds only blank space"),
    (b'{"cells": [ {"cell_type": "co', "the file is not complete JSON ("),
    (b"def f(x):\n    return x\n", "the file is not a notebook but plain text (it begins 'def f(x):'"),
    (b'{"name": "not a notebook"}', "the file is JSON but not a notebook (it has no cells)"),
    (b"\x89PNG\r\n\x1a\n\xff\xfe\x00", "the file is not text"),
])
def test_a_file_that_is_no_notebook_says_why_in_words(tmp_path, content, why):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(content)
    with pytest.raises(stage.Unreadable) as err:
        stage.read_submitted(path)
    assert str(err.value).startswith(why)


def test_a_folder_without_the_notebook_says_what_it_holds(tmp_path):
    assert stage.what_was_there(tmp_path) == f": {tmp_path.name}/ is empty"
    (tmp_path / "chain_rule.py").write_text("x = 1")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "chain_rule-checkpoint.ipynb").write_text("{}")
    assert stage.what_was_there(tmp_path) == ": found chain_rule.py, no notebook"
    assert stage.what_was_there(None) == ""


def test_a_converted_cell_keeps_its_metadata_for_nbgrader_to_convert_back():
    nb = answered()
    nb.cells[2].cell_type = "markdown"
    del nb.cells[2]["outputs"], nb.cells[2]["execution_count"]
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert stage.grade_id(nb.cells[2]) == "f" and notes == []


def test_reordered_cells_are_graded_where_they_are():
    nb = answered()
    nb.cells[2], nb.cells[4] = nb.cells[4], nb.cells[2]
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert notes == [] and ids(nb)[4] == "f"


def test_editor_metadata_is_normalised():
    nb = answered()
    nb.metadata["colab"] = {"provenance": []}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"abc": {}}}  # no "state"
    nb.cells[0]["id"] = "#VSC-1f"
    nb.cells[1]["id"] = nb.cells[2]["id"]
    nb.cells[2].metadata["colab"] = {"base_uri": "https://localhost:8080/"}
    nb.cells[2].metadata["vscode"] = {"languageId": "python"}
    nb.cells[3].metadata["executionInfo"] = {"elapsed": 5}
    nb.cells[5]["outputs"] = []  # a markdown cell with outputs (invalid)
    nb, notes = stage.repair(nb, release(), KNOWN)
    nbformat.validate(nb)
    assert "colab" not in nb.metadata and "widgets" not in nb.metadata
    assert not any(k in c.metadata for c in nb.cells for k in ("colab", "vscode", "executionInfo"))
    assert any("cell ids were invalid or repeated" in n for n in notes)


def test_older_nbgrader_metadata_is_upgraded():
    nb = answered()
    old = nb.cells[3].metadata["nbgrader"]
    nb.cells[3].metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "test_f", "points": 2}
    assert old["schema_version"] == 3
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert nb.cells[3].metadata["nbgrader"]["schema_version"] == 3
    assert any("older nbgrader" in n for n in notes)


def test_unknown_grade_ids_become_plain_cells():
    nb = answered()
    nb.cells[2].metadata["nbgrader"]["grade_id"] = "invented"
    nb, _ = stage.repair(nb, release(), KNOWN)
    assert ids(nb)[2] == "f"  # and then matched again by id


# -- finding notebooks ------------------------------------------------------------------------
def _touch(path, age=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}")
    t = time.time() - age
    os.utime(path, (t, t))
    return path


def test_the_exact_name_wins(tmp_path):
    exact = _touch(tmp_path / "chain_rule.ipynb", age=100)
    _touch(tmp_path / "chain_rule (1).ipynb")
    found = stage.find_notebooks(tmp_path, ["chain_rule"])
    assert found.notebooks == {"chain_rule": exact}
    assert found.notes == ["also found chain_rule (1).ipynb: not graded (graded chain_rule.ipynb, by its name "
                           "or as the newest)"]


def test_of_several_notebooks_the_one_with_the_students_work_is_graded(tmp_path):
    nbformat.write(release(), str(tmp_path / "chain_rule.ipynb"))
    nbformat.write(answered(), str(tmp_path / "chain_rule-Copy1.ipynb"))
    found = stage.find_notebooks(tmp_path, ["chain_rule"], releases={"chain_rule": release()})
    assert found.notebooks["chain_rule"] == tmp_path / "chain_rule-Copy1.ipynb"
    assert found.notes == ["graded chain_rule-Copy1.ipynb as chain_rule.ipynb",
                           "also found chain_rule.ipynb: not graded (graded chain_rule-Copy1.ipynb, the one with "
                           "the most of the student's work)"]
    # A name that says nothing: recognised by the release's cells it holds.
    (tmp_path / "chain_rule-Copy1.ipynb").unlink()
    (tmp_path / "drafts").mkdir()
    nbformat.write(answered(), str(tmp_path / "drafts" / "Untitled.ipynb"))
    nbformat.write(nbformat.v4.new_notebook(), str(tmp_path / "drafts" / "scratch.ipynb"))
    found = stage.find_notebooks(tmp_path, ["chain_rule"], releases={"chain_rule": release()})
    assert found.notebooks["chain_rule"] == tmp_path / "drafts" / "Untitled.ipynb"


def test_another_assignments_notebook_under_the_expected_name_loses_to_the_real_one(tmp_path):
    """Even with more cells not in this release (all of them: it is another release), a notebook
    whose graded cells are another assignment's is never preferred to one of this assignment."""
    foreign = release()
    for cell in foreign.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id"):
            cell.metadata.nbgrader["grade_id"] = "other_" + cell.metadata.nbgrader["grade_id"]
            cell.source = "# another assignment: " + cell.source
    nbformat.write(foreign, str(tmp_path / "chain_rule.ipynb"))
    nbformat.write(answered(), str(tmp_path / "chain_rule (1).ipynb"))
    found = stage.find_notebooks(tmp_path, ["chain_rule"], releases={"chain_rule": release()})
    assert found.notebooks["chain_rule"] == tmp_path / "chain_rule (1).ipynb"
    assert found.notes[-1] == ("also found chain_rule.ipynb: not graded (graded chain_rule (1).ipynb, the others "
                               "hold another assignment's cells)")


def test_a_download_twice_or_a_subfolder_is_found_and_named(tmp_path):
    twice = _touch(tmp_path / "chain_rule (1).ipynb")
    found = stage.find_notebooks(tmp_path, ["chain_rule"])
    assert found.notebooks["chain_rule"] == twice and "chain_rule (1).ipynb" in found.notes[0]
    other = tmp_path / "b"
    lone = _touch(other / "work" / "Untitled.ipynb")
    _touch(other / "work" / ".ipynb_checkpoints" / "Untitled-checkpoint.ipynb")
    found = stage.find_notebooks(other, ["chain_rule"])
    assert found.notebooks["chain_rule"] == lone and "work/Untitled.ipynb" in found.notes[0]


def test_the_newest_of_several_copies_and_no_guess_without_lone(tmp_path):
    _touch(tmp_path / "chain_rule (1).ipynb", age=100)
    newest = _touch(tmp_path / "chain_rule (2).ipynb")
    assert stage.find_notebooks(tmp_path, ["chain_rule"]).notebooks["chain_rule"] == newest
    _touch(tmp_path / "x" / "other.ipynb")
    assert stage.find_notebooks(tmp_path / "x", ["chain_rule"], lone=False).notebooks["chain_rule"] is None


def test_a_deleted_read_only_code_cell_is_put_back_in_place():
    nb = answered()
    del nb.cells[1]  # the imports the tests rely on
    nb, notes = stage.repair(nb, release(), KNOWN)
    assert ids(nb)[:3] == ["intro", "imports", "f"] and nb.cells[1].source == "import numpy as np"
    assert any("read-only code cells were missing (imports)" in n for n in notes)


@pytest.mark.parametrize("name", ["chain_rule.ipynb.json", "chain_rule.ipynb.txt", "chain_rule.IPYNB"])
def test_a_notebook_saved_by_a_browser_or_windows_is_found_and_named(tmp_path, name):
    saved = _touch(tmp_path / name)
    _touch(tmp_path / "chain_rule.html")  # an export is no notebook
    found = stage.find_notebooks(tmp_path, ["chain_rule"])
    assert found.notebooks == {"chain_rule": saved}
    assert found.notes == [f"graded {name} as chain_rule.ipynb"]

"""Run All that reaches the end: an nbgrader preprocessor for ``GenerateAssignment``.

In the student's notebook the test cells fail and solution cells may raise until the exercise is
solved. JupyterLab's Run All and ``jupyter nbconvert --execute`` stop at the first error, unless
the cell carries the ``raises-exception`` tag: then both show the error and go on. This tags every
test cell and every solution code cell of the release, so a cell added later is covered too.

The tag changes nothing for grading: a failing test cell still has an error output, which scores
zero, and nbgrader's checksums do not include tags.
"""
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from autograder.cells import nbgrader_meta

TAG = "raises-exception"


def may_raise(cell):
    """A code cell that fails or raises until its exercise is solved: a test or a solution cell."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade") or meta.get("solution"))


class TagCellsThatMayRaise(Preprocessor):
    """Add the ``raises-exception`` tag to every test and solution code cell."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if may_raise(cell):
                tags = cell.metadata.setdefault("tags", [])
                if TAG not in tags:
                    tags.append(TAG)
        return nb, resources

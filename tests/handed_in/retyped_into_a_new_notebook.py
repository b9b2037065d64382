"""Every answer typed into a brand-new notebook (no nbgrader metadata, no cell of the release):
nothing can be matched, so the release's set-up and test cells are put back after the student's
code and graded; the written answer waits for hand grading; the summary says what happened."""
import nbformat

EXPECT = "all"
NOTE = "no nbgrader metadata"
REASON = "no nbgrader metadata: was it saved by another editor?"


def make(nb):
    answers = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    new = nbformat.v4.new_notebook()
    new.metadata = nb.metadata
    new.cells = [nbformat.v4.new_markdown_cell("# My chain rule homework")]
    for text in answers:
        new.cells.append(nbformat.v4.new_markdown_cell(text) if text.startswith("With the ReLU")
                         else nbformat.v4.new_code_cell("import numpy as np\n\n" + text))
    return new

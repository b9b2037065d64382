"""Named cells run top to bottom in a real kernel, as a student's notebook would run them.

``run(cells, folder)`` takes ``[(name, source, metadata), ...]`` and returns ``{name: outputs}``;
``error(outputs)`` is the one error output of a cell, with its traceback lines free of colour codes.
"""
import re

import nbformat
from nbclient import NotebookClient

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TAG = {"tags": ["raises-exception"]}   # what nbgrader's release gives solution and test cells


def run(cells, folder):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source, metadata=dict(meta)) for _, source, meta in cells]
    # coalesce_streams: one print may reach the client as several stream messages (a busy machine
    # splits "the end" from its newline); a student's notebook shows them as one text.
    NotebookClient(nb, timeout=60, kernel_name="python3", coalesce_streams=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return {name: cell.outputs for (name, _, _), cell in zip(cells, nb.cells)}


def error(outputs):
    """``(error output, traceback lines without ANSI colours)``; fails unless the cell has exactly one."""
    errors = [o for o in outputs if o.output_type == "error"]
    assert len(errors) == 1, outputs
    return errors[0], [ANSI.sub("", line) for line in errors[0].traceback]

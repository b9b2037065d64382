"""Run a notebook's code cells in this process, keeping the namespace for later experiments.

Much faster than a kernel when one solved notebook serves dozens of wrong implementations: the
notebook runs once, then each wrong version is swapped into a copy of its namespace and only the
exercise's own test cells run again.
"""
import contextlib
import copy
import io
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers import evidence  # noqa: E402

from course import nbgrader_meta, read  # noqa: E402


def _python_source(source):
    # Line magics and shell escapes mean nothing outside IPython.
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


class SolvedNotebook:
    """A source notebook executed top to bottom, with the records of each test cell."""

    def __init__(self, path):
        self.path = path
        self.nb = read(path)
        self.namespace = {"__name__": "__main__"}
        self.records = {}
        old_cwd, old_env = os.getcwd(), os.environ.get("NBGRADER_EXECUTION")
        os.chdir(path.parent)
        os.environ["NBGRADER_EXECUTION"] = "autograde"
        try:
            for cell in self.nb.cells:
                if cell.cell_type != "code":
                    continue
                records = self.run(cell.source, self.namespace)
                gid = nbgrader_meta(cell).get("grade_id")
                if nbgrader_meta(cell).get("grade") and gid:
                    self.records[gid] = records
        finally:
            os.chdir(old_cwd)
            if old_env is None:
                os.environ.pop("NBGRADER_EXECUTION", None)
            else:
                os.environ["NBGRADER_EXECUTION"] = old_env
            plt.close("all")

    @staticmethod
    def run(source, namespace):
        """Exec one cell's code; returns the evidence it recorded. Output is swallowed."""
        del evidence.recorded[:]
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(_python_source(source), "<cell>", "exec"), namespace)
        plt.close("all")
        return list(evidence.recorded)

    def fresh_namespace(self):
        """A copy of the solved namespace that a wrong implementation may spoil freely."""
        ns = {}
        for key, value in self.namespace.items():
            try:
                ns[key] = copy.deepcopy(value)
            except Exception:  # modules, generators, widgets: shared, tests must not mutate them
                ns[key] = value
        return ns

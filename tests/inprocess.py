"""Run a notebook's code cells in this process, keeping the namespace for later experiments.

Much faster than a kernel when one solved notebook serves dozens of wrong implementations: the
notebook runs once, then each wrong version is swapped into a copy of its namespace and only the
exercise's own test cells run again. The machinery is the diagnosis tooling's
(``autograder.fingerprints``), which runs the same way; the tests use it under this name.
"""
import matplotlib

matplotlib.use("Agg")

from autograder.fingerprints import Solved, copy_namespace, run_cell  # noqa: E402


class SolvedNotebook(Solved):
    """A source notebook executed top to bottom, with the records of each test cell."""

    run = staticmethod(run_cell)   # exec one cell's code; returns the evidence it recorded

    def fresh_namespace(self):
        return copy_namespace(self.namespace)

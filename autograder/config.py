"""The options of ``python -m autograder grade``, as a traitlets ``Configurable``.

Their defaults are written here only. The course's ``nbgrader_config.py`` can set them::

    c.GradeOptions.jobs = 4
    c.GradeOptions.cell_timeout = 300          # seconds
    c.GradeOptions.time_limit = 1800           # seconds
    c.GradeOptions.memory = 1.5                # GiB
    c.GradeOptions.scheduler = "tcp://grader-head:8786"

and each has a command-line flag (``--jobs``, ``--cell-timeout``, ``--time-limit``, ``--memory``,
``--scheduler``) that wins over the file. nbgrader's own per-cell limit, ``c.Execute.timeout``,
is the cell timeout when ``c.GradeOptions.cell_timeout`` is not set, so a course configured for
``nbgrader autograde`` grades the same way here; where it says "no limit per cell" (None or not
positive, as nbclient reads it), a cell may run as long as the whole notebook (``time_limit``).
"""
import os
import pathlib

from traitlets import Float, Integer, TraitError, Unicode, default, validate
from traitlets.config import Config, Configurable
from traitlets.config.loader import PyFileConfigLoader


class GradeOptions(Configurable):
    # Each help says the unit; the default is added to it from the trait (``add_arguments``).
    jobs = Integer(help="submissions executed at once on this machine").tag(config=True, shown="the number of cores")
    cell_timeout = Float(120.0, help="longest a single cell may run, in seconds").tag(
        config=True, shown="c.Execute.timeout, else {:g}")
    time_limit = Float(900.0, help="longest a whole notebook may run, in seconds").tag(config=True)
    memory = Float(2.0, help="memory limit of each submission's kernel, in GiB").tag(config=True)
    scheduler = Unicode("", help="address of a Dask scheduler (tcp://HOST:PORT) whose workers run the notebooks "
                                 "instead of this machine's cores").tag(config=True, shown="none")

    @default("jobs")
    def _cores(self):
        return os.cpu_count() or 1

    @validate("jobs", "cell_timeout", "time_limit", "memory")
    def _positive(self, proposal):
        if proposal["value"] <= 0:
            raise TraitError(f"{proposal['trait'].name} must be positive, not {proposal['value']}")
        return proposal["value"]


# The command-line aliases: trait name -> (flags, metavar).
FLAGS = {
    "jobs": (("--jobs", "-j"), "N"),
    "cell_timeout": (("--cell-timeout",), "SECONDS"),
    "time_limit": (("--time-limit",), "SECONDS"),
    "memory": (("--memory",), "GIB"),
    "scheduler": (("--scheduler",), "tcp://HOST:PORT"),
}


def add_arguments(parser):
    """Add the aliases to an ``argparse`` parser; an absent flag leaves the value to the config."""
    traits = GradeOptions.class_traits()
    kinds = {Integer: int, Float: float, Unicode: str}
    for name, (flags, metavar) in FLAGS.items():
        trait = traits[name]
        shown = trait.metadata.get("shown", "{:g}").format(trait.default_value)
        parser.add_argument(*flags, dest=name, type=kinds[type(trait)], default=None, metavar=metavar,
                            help=f"{trait.help} (default: {shown})")


def read_config(root):
    """The ``Config`` of ``root/nbgrader_config.py`` (empty when there is none)."""
    path = pathlib.Path(root) / "nbgrader_config.py"
    if not path.is_file():
        return Config()
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def load(root, args=None):
    """The options for a grading run in course ``root``: defaults < ``nbgrader_config.py`` < ``args``.

    ``args``: an ``argparse.Namespace`` with the ``FLAGS`` names (None: not given). Raises
    ``traitlets.TraitError`` for a value that is not positive or not a number.
    """
    file_config = read_config(root)
    config = Config()
    config.GradeOptions.merge(file_config.get("GradeOptions", Config()))
    execute = file_config.get("Execute", Config())
    timeout = execute.get("timeout")
    ours = "cell_timeout" in config.GradeOptions or getattr(args, "cell_timeout", None) is not None
    if not ours and isinstance(timeout, (int, float)) and timeout > 0:
        config.GradeOptions.cell_timeout = float(timeout)
    options = GradeOptions(config=config)
    for name in FLAGS:
        value = getattr(args, name, None) if args is not None else None
        if value is not None:
            setattr(options, name, value)
    if not ours and "timeout" in execute and not (isinstance(timeout, (int, float)) and timeout > 0):
        options.cell_timeout = options.time_limit  # nbgrader's "no limit per cell"
    return options


def defaults():
    """``{name: default}`` of every option, as a run with no config and no flags gets them."""
    options = GradeOptions()
    return {name: getattr(options, name) for name in FLAGS}

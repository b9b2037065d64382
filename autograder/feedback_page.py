"""The exporter of feedback pages: nbconvert's ``HTMLExporter`` without its BeautifulSoup pass.

nbconvert 7 parses every page it has rendered with BeautifulSoup's pure-Python parser, to give
images without one a default ``alt`` text and the lab template's cells a ``tabindex``. nbgrader's
feedback template has no such cells, and a page of a whole notebook holds tens of thousands of
tags (syntax highlighting), so that pass was about half the cost of a feedback page (~1 s of ~2 s,
in the grader's one recording thread). Here the ``alt`` text is added to the ``<img`` tags
directly; everything else is nbconvert's own rendering. Set as ``GenerateFeedback.exporter_class``
in ``nbgrader_config.py``, so plain ``nbgrader generate_feedback`` uses it too.

nbgrader makes a new exporter, so a new Jinja environment, for every page, and Jinja parses and
compiles the template files again for each (~9 files, a third of a page's cost). The pages of one
process share the compiled templates instead, through Jinja's own bytecode cache, which checks
each file's source against the one it compiled (an edited template is compiled again). Likewise
the syntax highlighting of a cell (Pygments, a quarter of a page) is kept by what decides it, the
source, the lexer and the formatter's options: most cells are the same on every student's page.
"""
import json
import re

from jinja2 import BytecodeCache
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.exporters.html import Highlight2HTML, WidgetsDataTypeFilter

# nbconvert's own words, so the pages read the same as with its exporter.
NO_DESCRIPTION = "No description has been provided for this image"
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)(?=[\s/>])", re.IGNORECASE)


def describe_images(html):
    """``html`` with ``alt="No description..."`` on every ``<img>`` tag that has no ``alt``."""
    return _IMG_WITHOUT_ALT.sub(f'<img alt="{NO_DESCRIPTION}"', html)


class RememberedHighlight(Highlight2HTML):
    """nbconvert's ``highlight_code`` filter, remembering its pages' last few thousand cells."""

    KEPT = 4096
    _kept = {}

    def __call__(self, source, language=None, metadata=None):
        # What nbconvert's highlighting reads: the source, the language (or the notebook's lexer),
        # the cell's magics language, and the formatter's options.
        magics = metadata.get("magics_language") if metadata else None
        key = (source, language or self.pygments_lexer, magics,
               json.dumps(self.extra_formatter_options, sort_keys=True, default=repr))
        if key not in self._kept:
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            self._kept[key] = super().__call__(source, language, metadata)
        return self._kept[key]


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory for the life of the process."""

    def __init__(self):
        self._compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])  # Jinja drops it if the source changed

    def dump_bytecode(self, bucket):
        self._compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self):
        self._compiled.clear()


COMPILED = CompiledTemplates()


class FeedbackHTMLExporter(HTMLExporter):
    """``HTMLExporter`` (same template, filters and configuration) with a cheap last step."""

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = COMPILED
        return environment

    def from_notebook_node(self, nb, resources=None, **kw):
        # The set-up of HTMLExporter.from_notebook_node (nbconvert 7), then the template alone.
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code",
                             self.filters.get("highlight_code", RememberedHighlight(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type",
                             WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return describe_images(html), resources

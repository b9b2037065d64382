"""Feedback pages (autograder.feedback_page): nbconvert's page, without its slow last pass."""
import base64
import copy
import os

import nbformat
import nbgrader
from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from autograder.feedback_page import FeedbackHTMLExporter, describe_images

PNG = base64.b64encode(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()

RESOURCES = {"nbgrader": {"notebook": "nb", "score": 1.0, "max_score": 2.0, "late_penalty": 0.0}}


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    code = nbformat.v4.new_code_cell("def f(x):\n    return [x ** 2 for x in range(3)]  # 'quoted' & <tag>\nf(1)")
    code.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
                    nbformat.v4.new_output("stream", name="stdout", text="got: 'a' < \"b\" & c\n")]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title\nSome *text* with $x^2$ and ![](data:image/png;base64," + PNG + ")"),
                code]
    return nb


def _config():
    # As nbgrader's GenerateFeedback sets it up: its feedback template.
    c = Config()
    c.HTMLExporter.template_name = "feedback"
    formgrader = os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader")
    c.HTMLExporter.extra_template_basedirs = [os.path.join(formgrader, "templates")]
    c.HTMLExporter.extra_template_paths = [os.path.join(formgrader, "static", "node_modules", "bootstrap", "dist", "css")]
    return c


def test_a_page_is_nbconvert_s_page():
    nb = _notebook()
    theirs, _ = HTMLExporter(config=_config()).from_notebook_node(copy.deepcopy(nb), copy.deepcopy(RESOURCES))
    ours, _ = FeedbackHTMLExporter(config=_config()).from_notebook_node(copy.deepcopy(nb), copy.deepcopy(RESOURCES))
    assert "No description has been provided for this image" in ours
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs


def test_only_images_without_alt_text_get_one():
    html = '<img src="a.png"><img alt="kept" src="b.png"><IMG\nsrc="c.png"/><image-like></image-like>'
    out = describe_images(html)
    assert out.count('alt="No description has been provided for this image"') == 2
    assert '<img alt="kept" src="b.png">' in out and "<image-like>" in out


def test_nbgrader_generate_feedback_uses_it():
    from nbgrader.converters import GenerateFeedback

    import runpy
    config = runpy.run_path(os.path.join(os.path.dirname(__file__), "..", "nbgrader_config.py"),
                            init_globals={"get_config": Config})
    assert GenerateFeedback(config=config["c"]).exporter_class is FeedbackHTMLExporter


def test_later_pages_reuse_the_compiled_templates_and_read_the_same(monkeypatch, tmp_path):
    import jinja2

    from autograder import feedback_page

    feedback_page.COMPILED.clear()
    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **kw: compiled.append(1) or real(self, *a, **kw))
    nb = _notebook()
    first, _ = FeedbackHTMLExporter(config=_config()).from_notebook_node(copy.deepcopy(nb), copy.deepcopy(RESOURCES))
    assert compiled
    compiled.clear()
    second, _ = FeedbackHTMLExporter(config=_config()).from_notebook_node(copy.deepcopy(nb), copy.deepcopy(RESOURCES))
    assert second == first and not compiled
    # A template whose source changed is compiled again, never served from the cache.
    (tmp_path / "feedback").mkdir()
    page = tmp_path / "feedback" / "index.html.j2"
    for words in ("first words", "other words"):
        page.write_text("{%- extends 'base.html.j2' -%}{% block body_header %}" + words + "{% endblock %}")
        c = _config()
        c.HTMLExporter.extra_template_basedirs = [str(tmp_path)] + c.HTMLExporter.extra_template_basedirs
        html, _ = FeedbackHTMLExporter(config=c).from_notebook_node(copy.deepcopy(nb), copy.deepcopy(RESOURCES))
        assert words in html


def test_a_remembered_highlighting_is_the_one_its_lexer_makes():
    """The same cells under two lexers, each page as nbconvert's own, the second time too."""
    for lexer in ("ipython3", "python", "ipython3"):
        nb = _notebook()
        nb.metadata["language_info"]["pygments_lexer"] = lexer
        theirs, _ = HTMLExporter(config=_config()).from_notebook_node(copy.deepcopy(nb), copy.deepcopy(RESOURCES))
        ours, _ = FeedbackHTMLExporter(config=_config()).from_notebook_node(copy.deepcopy(nb), copy.deepcopy(RESOURCES))
        assert f"hl-{lexer}" in ours and str(BeautifulSoup(ours, features="html.parser")) == theirs, lexer

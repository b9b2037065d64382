"""helpers.graphs draws what it is given: one box per node, values and gradients on the edges."""
import copy
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

from helpers.graphs import draw_graph  # noqa: E402

NODES = {"a": ("a", (0, 1)), "b": ("b", (0, 0)), "mul": ("×", (1.5, 0.5)), "out": ("f", (3, 0.5))}
EDGES = [("a", "mul", 2.0, -3.0), ("b", "mul", -3.0, 2.0), ("mul", "out", -6.0, 1.0)]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _texts(ax, gid):
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


def test_one_box_per_node_with_its_label():
    ax = draw_graph(NODES, EDGES)
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    assert sorted(p.get_gid() for p in boxes) == sorted(f"node:{k}" for k in NODES)
    assert sorted(_texts(ax, "label")) == sorted(label for label, _ in NODES.values())


def test_forward_values_and_gradients_are_written_on_the_edges():
    ax = draw_graph(NODES, EDGES)
    assert sorted(_texts(ax, "forward")) == sorted(["2", "-3", "-6"])
    assert sorted(_texts(ax, "backward")) == sorted(["-3", "2", "1"])
    assert len(ax.patches) == len(NODES)  # arrows are annotations, not extra boxes
    assert sum(1 for child in ax.get_children() if isinstance(child, matplotlib.text.Annotation)) == len(EDGES)


def test_gradient_none_draws_only_the_forward_pass():
    forward_only = [(s, d, v, None) for s, d, v, _ in EDGES]
    ax = draw_graph(NODES, forward_only)
    assert len(_texts(ax, "forward")) == len(EDGES)
    assert _texts(ax, "backward") == []


def test_format_and_negative_zero():
    ax = draw_graph(NODES, [("a", "mul", 1 / 3, -0.0)], fmt="{:.2f}")
    assert _texts(ax, "forward") == ["0.33"]
    assert _texts(ax, "backward") == ["0.00"]


def test_draws_on_a_given_axes_and_sets_the_title():
    fig, ax = plt.subplots()
    out = draw_graph(NODES, EDGES, ax=ax, title="f = a · b")
    assert out is ax
    assert ax.get_title() == "f = a · b"
    assert len(fig.axes) == 1


def test_arguments_are_not_modified_and_nothing_warns():
    nodes, edges = copy.deepcopy(NODES), copy.deepcopy(EDGES)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = draw_graph(nodes, edges)
        ax.figure.canvas.draw()
    assert nodes == NODES and edges == EDGES


def test_edges_may_be_any_iterable():
    ax = draw_graph(NODES, iter(EDGES))
    assert len(_texts(ax, "forward")) == len(EDGES)


@pytest.mark.parametrize("nodes, edges, error, words", [
    (NODES, [("a", "nowhere", 1.0, 1.0)], ValueError, "nowhere"),
    ({}, EDGES, TypeError, "non-empty dict"),
    ({"a": ("a", 0)}, [], ValueError, "(label, (x, y))"),
    (NODES, [("a", "mul", 1.0)], ValueError, "(source, target, value, gradient)"),
    (NODES, [("a", "mul", "2", 1.0)], TypeError, "forward value"),
    (NODES, [("a", "mul", 2.0, [1.0])], TypeError, "gradient"),
])
def test_bad_input_gets_a_clear_error(nodes, edges, error, words):
    with pytest.raises(error) as info:
        draw_graph(nodes, edges)
    assert words in str(info.value)

"""Computational graphs drawn as pictures: nodes as boxes, numbers on the edges.

Each edge carries the value that flows forward along it (drawn above the arrow, in green) and,
once the backward pass is known, the gradient of the output with respect to that value (drawn
below the arrow, in red). The module only draws: the numbers come from the notebook.

    nodes = {"a": ("a", (0, 1)), "b": ("b", (0, 0)), "mul": ("×", (1, 0.5)), "out": ("f", (2, 0.5))}
    edges = [("a", "mul", 2.0, -3.0), ("b", "mul", -3.0, 2.0), ("mul", "out", -6.0, 1.0)]
    draw_graph(nodes, edges, title="f = a · b")
"""
import numbers

import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

FORWARD_COLOR = "#2ca02c"
BACKWARD_COLOR = "#d62728"
BOX_WIDTH = 0.5        # the narrowest box; longer labels get wider ones
BOX_HEIGHT = 0.32
CHAR_WIDTH = 0.09      # about one character of a 12 pt label, in data units at the default size


def _check_number(what, value, allow_none=False):
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} should be a real number{' or None' if allow_none else ''}, "
                        f"got {type(value).__name__}")


def _validate(nodes, edges):
    if not isinstance(nodes, dict) or not nodes:
        raise TypeError("nodes should be a non-empty dict {key: (label, (x, y))}")
    for key, spec in nodes.items():
        if not (isinstance(spec, (tuple, list)) and len(spec) == 2 and isinstance(spec[0], str)
                and isinstance(spec[1], (tuple, list)) and len(spec[1]) == 2):
            raise ValueError(f"node {key!r} should be (label, (x, y)), got {spec!r}")
        _check_number(f"x position of node {key!r}", spec[1][0])
        _check_number(f"y position of node {key!r}", spec[1][1])
    for edge in edges:
        if not (isinstance(edge, (tuple, list)) and len(edge) == 4):
            raise ValueError(f"each edge should be (source, target, value, gradient), got {edge!r}")
        src, dst, value, grad = edge
        for end in (src, dst):
            if end not in nodes:
                raise ValueError(f"edge {src!r} -> {dst!r} names node {end!r}, which is not in nodes "
                                 f"({sorted(map(str, nodes))})")
        _check_number(f"forward value on edge {src!r} -> {dst!r}", value, allow_none=True)
        _check_number(f"gradient on edge {src!r} -> {dst!r}", grad, allow_none=True)


def _box_width(label):
    return max(BOX_WIDTH, CHAR_WIDTH * len(label) + 0.2)


def _fmt(number, fmt):
    number = float(number)
    return fmt.format(0.0 if number == 0 else number)  # never print "-0"


def draw_graph(nodes, edges, ax=None, title=None, fmt="{:.3g}", legend=True):
    """Draw a computational graph and return the matplotlib axes.

    nodes: ``{key: (label, (x, y))}``: a box per node, centred at ``(x, y)`` in data units (leave
        about 1.5 between neighbouring columns so the numbers on the edges fit).
    edges: ``[(source, target, value, gradient), ...]``: an arrow from ``source`` to ``target``;
        ``value`` is the number flowing forward along it, ``gradient`` the derivative of the
        graph's output with respect to that number. Either may be ``None`` to leave it off (draw the
        forward pass first, then the same graph with its gradients).
    """
    edges = list(edges)
    _validate(nodes, edges)
    if ax is None:
        xs = [pos[0] for _, pos in nodes.values()]
        ys = [pos[1] for _, pos in nodes.values()]
        # The axes keep an equal aspect, so the figure follows the layout's own proportions.
        width = 1.3 * (max(xs) - min(xs) + 1.2)
        height = 1.3 * (max(ys) - min(ys) + 1.2) + 0.5
        _, ax = plt.subplots(figsize=(min(width, 12), min(height, 8)))

    for src, dst, value, grad in edges:
        (x0, y0), (x1, y1) = nodes[src][1], nodes[dst][1]
        half0, half1 = _box_width(nodes[src][0]) / 2, _box_width(nodes[dst][0]) / 2
        # Leave each box on the side that faces the other one, so arrows never cross a label.
        start = (x0 + half0, y0) if x1 >= x0 else (x0 - half0, y0)
        end = (x1 - half1, y1) if x1 >= x0 else (x1 + half1, y1)
        ax.annotate("", xy=end, xytext=start,
                    arrowprops=dict(arrowstyle="-|>", color="0.35", lw=1.2, shrinkA=0, shrinkB=0))
        # Edges often converge on one node: label them nearer their source, where they are apart.
        mid_x, mid_y = start[0] + 0.4 * (end[0] - start[0]), start[1] + 0.4 * (end[1] - start[1])
        if value is not None:
            ax.text(mid_x, mid_y + 0.07, _fmt(value, fmt), color=FORWARD_COLOR, ha="center", va="bottom",
                    fontsize=10, fontweight="bold", gid="forward")
        if grad is not None:
            ax.text(mid_x, mid_y - 0.07, _fmt(grad, fmt), color=BACKWARD_COLOR, ha="center", va="top",
                    fontsize=10, fontweight="bold", gid="backward")

    for key, (label, (x, y)) in nodes.items():
        width = _box_width(label)
        ax.add_patch(FancyBboxPatch((x - width / 2, y - BOX_HEIGHT / 2), width, BOX_HEIGHT,
                                    boxstyle="round,pad=0.03", facecolor="#f2f2f2", edgecolor="0.2",
                                    lw=1.2, zorder=3, gid=f"node:{key}"))
        ax.text(x, y, label, ha="center", va="center", fontsize=12, zorder=4, gid="label")

    xs = [pos[0] for _, pos in nodes.values()]
    ys = [pos[1] for _, pos in nodes.values()]
    lefts = [pos[0] - _box_width(label) / 2 for label, pos in nodes.values()]
    rights = [pos[0] + _box_width(label) / 2 for label, pos in nodes.values()]
    ax.set_xlim(min(min(lefts) - 0.1, min(xs) - 0.6), max(max(rights) + 0.1, max(xs) + 0.6))
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if legend:
        ax.text(0.0, 0.0, "forward value", color=FORWARD_COLOR, transform=ax.transAxes,
                ha="left", va="bottom", fontsize=9)
        ax.text(1.0, 0.0, "gradient of the output", color=BACKWARD_COLOR, transform=ax.transAxes,
                ha="right", va="bottom", fontsize=9)
    if title:
        ax.set_title(title)
    return ax

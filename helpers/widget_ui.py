"""What the three explorers share: labelled controls, a figure shown as a PNG, the redraw loop.

An explorer is a ``VBox`` of controls, a one-line text readout and an ``Image``. Every change of a
control recomputes a result (a plain dict, kept in ``last_result`` so tests can check the numbers
that were drawn), redraws one persistent matplotlib figure and replaces the image's PNG bytes:
the output updates in place, with no flicker and no growing list of figures.
"""
import html
import io
import os
import warnings

import ipywidgets as widgets
import numpy as np

# Wide enough for the longest description ("learning rate") next to a usable slider track.
CONTROL_LAYOUT = {"width": "360px"}
CONTROL_STYLE = {"description_width": "initial"}


def grading():
    """True while nbgrader executes the notebook: explorers then skip their heavy work."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def skipped(name):
    return widgets.Label(f"{name}: skipped while grading (run the notebook yourself to explore).")


def css_name(description):
    """A CSS class for a control, from its description: ``learning rate`` -> ``explorer-learning-rate``."""
    return "explorer-" + "-".join(description.lower().replace("(", " ").replace(")", " ").split())


def labelled(widget):
    """Give ``widget`` a label shown in full and a CSS class the browser tests can find it by."""
    widget.style = CONTROL_STYLE
    widget.layout = widgets.Layout(**CONTROL_LAYOUT)
    widget.add_class(css_name(widget.description))
    return widget


def log_slider(description, value_exponent, min_exponent, max_exponent, step=0.1):
    """A base-10 log slider whose value starts exactly on its grid of exponents."""
    return labelled(widgets.FloatLogSlider(
        value=10.0 ** value_exponent, base=10, min=min_exponent, max=max_exponent, step=step,
        description=description, readout_format=".3g", continuous_update=False))


def int_slider(description, value, low, high, step=1):
    return labelled(widgets.IntSlider(value=value, min=low, max=high, step=step,
                                      description=description, continuous_update=False))


def float_slider(description, value, low, high, step, readout_format=".2f"):
    return labelled(widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                                        readout_format=readout_format, continuous_update=False))


def selection_slider(description, options, value):
    """A slider over labelled options (``(label, value)`` pairs), e.g. batch sizes."""
    return labelled(widgets.SelectionSlider(options=options, value=value, description=description,
                                            continuous_update=False))


def choice(description, options, value=None):
    return labelled(widgets.Dropdown(options=options, value=value if value is not None else options[0],
                                     description=description))


class FigureCanvas:
    """A matplotlib figure drawn off screen (Agg) and handed out as PNG bytes.

    ``draw`` + a fast PNG encode is about twice as quick as ``savefig``, which draws the figure a
    second time. A figure whose frame (axes, ticks, labels: most of the drawing time) rarely
    changes can pass its changing artists to ``png``: they are marked animated, the rest is drawn
    once per ``frame_key`` and kept as a bitmap, and each redraw paints only those artists on it.
    """

    def __init__(self, width, height, dpi=80):
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # here: grading never needs it
        from matplotlib.figure import Figure
        self.figure = Figure(figsize=(width, height), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self._frame, self._frame_key = None, None

    def png(self, moving=(), frame_key=None):
        if not moving:
            self.canvas.draw()
        else:
            for artist in moving:
                artist.set_animated(True)
            if self._frame is None or frame_key != self._frame_key:
                self.canvas.draw()  # everything but the animated artists
                self._frame, self._frame_key = self.canvas.copy_from_bbox(self.figure.bbox), frame_key
            else:
                self.canvas.restore_region(self._frame)
            for artist in moving:
                self.figure.draw_artist(artist)
        rgba = np.asarray(self.canvas.buffer_rgba())
        from PIL import Image as PILImage
        buffer = io.BytesIO()
        PILImage.fromarray(rgba[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def quiet(function, *args, **kwargs):
    """Call ``function`` with numpy's floating-point warnings and Python warnings silenced.

    A diverging run overflows on purpose; the explorer reports it in words instead.
    """
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


class Explorer(widgets.VBox):
    """Controls, a readout line and a figure; ``compute`` and ``draw`` are supplied by each explorer.

    ``controls`` are the widgets whose values drive the picture; ``rows`` (lists of widgets) lay
    them out, with any notes beside them (one row of all controls by default).

    ``compute(values) -> result`` gets ``{description: value}`` of every control and returns a dict
    with at least ``"readout"`` (the text under the controls); ``draw(result) -> bytes`` renders it.
    """

    def __init__(self, controls, compute, draw, rows=None):
        self.controls = {c.description: c for c in controls}
        self._compute, self._draw = compute, draw
        self.readout = widgets.Label(layout=widgets.Layout(width="100%"))
        self.readout.add_class("explorer-readout")
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.image.add_class("explorer-figure")
        self.last_result = None
        rows = rows or [list(controls)]
        boxes = [widgets.HBox(row, layout=widgets.Layout(flex_flow="row wrap")) for row in rows]
        super().__init__(boxes + [self.readout, self.image])
        self.add_class("explorer")
        for control in controls:
            control.observe(self._changed, names="value")
        self.redraw()

    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def _changed(self, _change):
        self.redraw()

    def redraw(self):
        try:
            result = quiet(self._compute, self.values())
        except Exception as error:  # e.g. a student's function that broke after its first run
            self.readout.value = f"could not redraw: {type(error).__name__}: {error}"[:300]
            return None
        self.last_result = result
        # The image first, then the text: when the readout shows the new text, the figure is new too.
        self.image.value = quiet(self._draw, result)
        self.readout.value = result["readout"]
        return result


def probe(namespace, names, trial):
    """Whether the student's functions ``names`` exist in ``namespace`` and ``trial`` runs with them.

    Returns ``(functions or None, why)``; ``why`` is ``"ok"``, ``"missing"`` (not defined yet),
    ``"unsolved"`` (``NotImplementedError``, as in an untouched notebook), ``"failing: <why>"``
    (its visible test failed when it last ran: ``helpers.messages.unusable``) or the error a
    half-finished exercise raised. ``trial(*functions)`` is a tiny call.
    """
    from helpers import messages
    namespace = namespace or {}
    if not all(callable(namespace.get(n)) for n in names):
        return None, "missing"
    functions = [namespace[n] for n in names]
    failing = [messages.unusable[f.__code__] for f in functions if getattr(f, "__code__", None) in messages.unusable]
    if failing:
        return None, f"failing: {failing[0]}"
    try:
        quiet(trial, *functions)
    except NotImplementedError:
        return None, "unsolved"
    except Exception as error:  # say what broke, never raise from here
        return None, f"{type(error).__name__}: {error}"[:120]
    return functions, "ok"


def why_not_used(why):
    """``probe``'s why in words, after "your <function>": ``fails its visible test``."""
    if why == "unsolved":
        return "is not solved yet"
    if why == "missing":
        return "was not defined when this cell ran"
    if why.startswith("failing: "):
        return "fails its visible test"
    return "raised an error"


def _note(status):
    """One line about the student's functions: ``status`` maps a function name to ``probe``'s why.

    Every clause has the same form, "your <functions> <what is the matter>", and one closing
    sentence says what to do: ``using your gradient_descent; your adam_step is not solved yet.
    Run this cell again once it works.``
    """
    groups = {}
    for name, why in status.items():
        groups.setdefault(why, []).append(name)

    def your(names, one, many):
        return f"your {', '.join(names)} {one if len(names) == 1 else many}"
    parts = [f"using your {', '.join(groups['ok'])}"] if "ok" in groups else []
    for why, names in groups.items():
        if why == "unsolved":
            parts.append(your(names, "is not solved yet", "are not solved yet"))
        elif why == "missing":
            # Run All runs this cell before those defined further down: say nothing of "not run".
            parts.append(your(names, "was not defined when this cell ran (its cell may be further down: run it first)",
                              "were not defined when this cell ran (their cells may be further down: run them first)"))
        elif why.startswith("failing: "):
            parts.append(your(names, "fails its visible test", "fail their visible tests") + f" ({why[len('failing: '):]})")
        elif why != "ok":
            parts.append(your(names, "raised", "raised") + f" {why}")
    waiting = [name for name, why in status.items() if why != "ok"]
    line = "; ".join(parts)
    if waiting:
        line += f". Run this cell again once {'it works' if len(waiting) == 1 else 'they work'}."
    return line


def own_functions_toggle(namespace, groups):
    """A "use my functions" checkbox, disabled with a note until some of the student's functions work.

    ``groups`` is a list of ``(names, trial)``: functions that are tried, and used, together. The
    checkbox's ``functions`` maps the name of every function whose group ran to the function
    (None when no group did); the note beside it says which are used and why others aren't.
    """
    functions, status = {}, {}
    for names, trial in groups:
        found, why = probe(namespace, names, trial)
        status.update({name: why for name in names})
        if found is not None:
            functions.update(zip(names, found))
    box = widgets.Checkbox(value=False, description="use my functions", disabled=not functions,
                           indent=False, style=CONTROL_STYLE, layout=widgets.Layout(width="auto"))
    box.add_class(css_name(box.description))
    box.functions = functions or None
    box.status = status   # {name: probe's why}: a readout says why one of them is not used
    # A Label never wraps (a long note was cut off at the right edge); this text does.
    box.note = label = widgets.HTML(html.escape(_note(status)), layout=widgets.Layout(flex="1 1 0%", min_width="0"))
    label.add_class("explorer-own-note")
    return box, widgets.HBox([box, label], layout=widgets.Layout(grid_gap="16px", align_items="center", width="100%"))

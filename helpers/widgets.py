"""The interactive explorers of notebooks 01, 03 and 04.

Each explorer is called as ``explorer(namespace=globals())`` and returns a ready ipywidget: labelled
controls, a readout line and a figure redrawn in place on every change. The widget keeps the
numbers it drew in ``last_result`` (tests check them), and its ``controls`` by description.
The namespace lets an explorer offer the student's own functions once they run ("use my
functions"); until then it runs on its own engine (``helpers.widget_*``), which solves no exercise.
While nbgrader executes a notebook (``NBGRADER_EXECUTION`` set) each returns a light label instead.
"""
from helpers.widget_ui import (Explorer, FigureCanvas, choice, float_slider, grading, int_slider, log_slider,
                               own_functions_toggle, selection_slider, skipped, why_not_used)

# The engines (scikit-learn, matplotlib) are imported inside each explorer, after the grading
# check, so that a notebook executed by nbgrader doesn't pay for them.

OWN = "use my functions"


def _who(values, functions):
    """Whether this redraw uses the student's functions, and the readout's prefix if so."""
    mine = bool(values.get(OWN)) and functions is not None
    return mine, ("your functions: " if mine else "")


def learning_rate_explorer(namespace=None):
    """01: a log-scale learning rate and an optimiser choice driving descent on a 2-D loss surface."""
    if grading():
        return skipped("learning-rate explorer")
    from helpers import widget_descent
    controls = [
        log_slider("learning rate", -1.3, -4.0, 0.0),
        choice("optimizer", list(widget_descent.OPTIMIZERS)),
        int_slider("steps", 100, 10, 300, step=10),
        choice("surface", list(widget_descent.SURFACES)),
    ]
    toggle, toggle_row = own_functions_toggle(namespace, widget_descent.OWN_TRIALS)
    figure = widget_descent.DescentFigure(canvas := FigureCanvas(9.0, 3.6))

    def compute(values):
        surface = widget_descent.SURFACES[values["surface"]]
        lr, optimizer, steps = values["learning rate"], values["optimizer"], values["steps"]
        mine, who = _who(values, toggle.functions)
        why = ""
        if mine and widget_descent.OWN_FUNCTIONS[optimizer] not in toggle.functions:
            own = widget_descent.OWN_FUNCTIONS[optimizer]
            mine, who = False, ""
            why = f" (the course's, since your {own} {why_not_used(toggle.status.get(own, 'missing'))})"
        if mine:
            run = widget_descent.descend_with_own_functions(toggle.functions, surface, optimizer, lr, steps)
        else:
            run = widget_descent.descend(surface, optimizer, lr, steps)
        return dict(run, surface=surface, optimizer=optimizer, lr=lr, steps=steps, mine=mine,
                    readout=widget_descent.readout(who, optimizer, lr, run, why))

    def draw(result):
        return figure.draw(result["surface"], result, widget_descent.title(result["optimizer"], result["lr"]), canvas)

    return Explorer(controls + [toggle], compute, draw, rows=[controls[:2], controls[2:], [toggle_row]])


def playground(namespace=None):
    """03: a one-hidden-layer network on make_moons; its hyper-parameters on sliders."""
    if grading():
        return skipped("playground")
    from helpers import widget_moons
    controls = [
        log_slider("learning rate", 0.0, -3.0, 0.5),
        int_slider("hidden units", 16, 1, 32),
        choice("activation", list(widget_moons.ACTIVATIONS)),
        float_slider("L2 strength", 0.0, 0.0, 5.0, 0.1, readout_format=".1f"),
        float_slider("dataset noise", 0.2, 0.0, 0.5, 0.05),
        selection_slider("batch size", widget_moons.BATCH_SIZES, 32),
        int_slider("epochs", 60, 10, 300, step=10),
    ]
    toggle, toggle_row = own_functions_toggle(namespace, [(widget_moons.OWN_FUNCTIONS, widget_moons.trial_own_functions)])
    figure = widget_moons.PlaygroundFigure(canvas := FigureCanvas(9.0, 3.6))

    def compute(values):
        settings = (values["learning rate"], values["hidden units"], values["activation"],
                    values["L2 strength"], values["dataset noise"], values["batch size"], values["epochs"])
        mine, who = _who(values, toggle.functions)
        if mine:
            result = widget_moons.train_with_own_functions(
                [toggle.functions[name] for name in widget_moons.OWN_FUNCTIONS], *settings)
        else:
            result = widget_moons.train_playground(*settings)
        return dict(result, settings=settings, noise=values["dataset noise"],
                    readout=widget_moons.readout(result, who))

    def draw(result):
        return figure.draw(result, result["noise"], f"test accuracy {result['test_accuracy']:.3f}", canvas)

    return Explorer(controls + [toggle], compute, draw,
                    rows=[controls[:3], controls[3:5], controls[5:], [toggle_row]])


def depth_explorer(namespace=None):
    """04: per-layer gradient norms (log scale) for a chosen depth, activation and initialisation."""
    if grading():
        return skipped("depth explorer")
    from helpers import widget_depth
    controls = [
        int_slider("number of layers", 10, 2, widget_depth.MAX_LAYERS),
        choice("activation", list(widget_depth.ACTIVATIONS)),
        choice("initialisation", list(widget_depth.INITIALISATIONS)),
    ]
    toggle, toggle_row = own_functions_toggle(namespace, [(widget_depth.OWN_FUNCTIONS, widget_depth.trial_own_functions)])
    figure = widget_depth.DepthFigure(canvas := FigureCanvas(7.5, 3.6))

    def compute(values):
        depth, activation, init = values["number of layers"], values["activation"], values["initialisation"]
        mine, who = _who(values, toggle.functions)
        if mine:
            norms = widget_depth.layer_gradient_norms_with_own_functions(
                [toggle.functions[name] for name in widget_depth.OWN_FUNCTIONS], depth, activation, init)
        else:
            norms = widget_depth.layer_gradient_norms(depth, activation, init)
        return dict(norms=norms, depth=depth, activation=activation, initialisation=init, mine=mine,
                    bound=widget_depth.reference_line(norms, activation),
                    readout=widget_depth.readout(norms, activation, who))

    def draw(result):
        return figure.draw(result["norms"], result["activation"],
                           f"{result['depth']} layers, {result['activation']}, {result['initialisation']} weights")

    return Explorer(controls + [toggle], compute, draw, rows=[controls, [toggle_row]])

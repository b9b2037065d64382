"""Build ``helpers/depth_norms.json``: the depth explorer's gradient norms for every setting.

    python -m autograder.depth_norms          # rewrite helpers/depth_norms.json (a few seconds)
    python -m autograder.depth_norms check    # exit 1 when the file is stale

Notebook 04's explorer draws ``||dW_l||`` per layer for a depth, an activation and an
initialisation. Until a student's own ``deep_forward``, ``deep_backward`` and ``gradient_norms``
run, it reads them from this table: the student edition ships numbers, not a backward pass that
could answer the exercises. The backward pass here is scikit-learn's (its private
``MLPClassifier._backprop``, fed the explorer's weights), independent of the numpy reference in
``tests/widget_references.py`` that the tests compare the table with. Rebuild after changing
``helpers/widget_depth.py``'s network, batch or weights (a test says when).
"""
import inspect
import json
import math
import sys

import numpy as np
from sklearn.neural_network import MLPClassifier

from helpers import widget_depth

SKLEARN_ACTIVATION = {"sigmoid": "logistic", "tanh": "tanh", "relu": "relu"}


def _network(params, activation):
    """An MLPClassifier holding ``params`` (transposed to scikit-learn's ``(n_in, n_out)``)."""
    n_layers = len(params) // 2
    net = MLPClassifier(hidden_layer_sizes=(widget_depth.WIDTH,) * (n_layers - 1),
                        activation=SKLEARN_ACTIVATION[activation], alpha=0.0)
    net.n_layers_ = n_layers + 1
    net.out_activation_ = "logistic"
    net.coefs_ = [params[f"W{layer}"].T.copy() for layer in range(1, n_layers + 1)]
    net.intercepts_ = [params[f"b{layer}"].ravel().copy() for layer in range(1, n_layers + 1)]
    return net


def norms(n_layers, activation, initialisation):
    """``||dW_l||`` for l = 1..L of the explorer's network, through scikit-learn's backward pass."""
    X, Y = widget_depth.batch()
    net = _network(widget_depth.draw_weights(n_layers, initialisation), activation)
    activations = [X.T] + [None] * n_layers
    deltas, coef_grads, intercept_grads = [None] * n_layers, [None] * n_layers, [None] * n_layers
    # scikit-learn 1.7 added a sample_weight argument after y.
    if "sample_weight" in inspect.signature(net._backprop).parameters:
        _, coef_grads, _ = net._backprop(X.T, Y.T, None, activations, deltas, coef_grads, intercept_grads)
    else:
        _, coef_grads, _ = net._backprop(X.T, Y.T, activations, deltas, coef_grads, intercept_grads)
    return [float(np.linalg.norm(g)) for g in coef_grads]


def table_text():
    """The JSON text of the table: one line per (activation, initialisation, depth)."""
    by_setting = {}
    for n_layers, activation, initialisation in widget_depth.settings():
        by_setting.setdefault(activation, {}).setdefault(initialisation, {})[str(n_layers)] = \
            norms(n_layers, activation, initialisation)
    lines = ['{"about": ' + json.dumps("||dW_l|| for l = 1..L of helpers.widget_depth's network on its batch, "
                                       "by activation, initialisation and number of layers; written by "
                                       "python -m autograder.depth_norms") + ',', ' "norms": {']
    for i, (activation, inits) in enumerate(by_setting.items()):
        lines.append(f"  {json.dumps(activation)}: {{")
        for j, (initialisation, depths) in enumerate(inits.items()):
            lines.append(f"   {json.dumps(initialisation)}: {{")
            rows = [f"    {json.dumps(depth)}: {json.dumps(values)}" for depth, values in depths.items()]
            lines.append(",\n".join(rows))
            lines.append("   }" + ("," if j < len(inits) - 1 else ""))
        lines.append("  }" + ("," if i < len(by_setting) - 1 else ""))
    lines.append(" }\n}\n")
    text = "\n".join(lines)
    assert all(math.isfinite(v) for inits in json.loads(text)["norms"].values() for depths in inits.values()
               for values in depths.values() for v in values)
    return text


def main(argv):
    text = table_text()
    if argv[:1] == ["check"]:
        if not widget_depth.TABLE.exists() or widget_depth.TABLE.read_text() != text:
            print(f"{widget_depth.TABLE} is stale: run python -m autograder.depth_norms", file=sys.stderr)
            return 1
        return 0
    widget_depth.TABLE.write_text(text)
    print(f"wrote {widget_depth.TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

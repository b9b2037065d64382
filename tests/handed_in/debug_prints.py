"""Correct, with debug prints left in: neuron_gradients prints its arguments, linear_backward its
dZ. The hidden tests call both, so their inputs were printed into the test cells' output; the
feedback keeps what the visible part printed and shows a line instead of the rest."""
EXPECT = "all"
# What the visible part of test_neuron_gradients prints (x = [1, 2]); the hidden tests use
# n = 3, 5, 7 and 1 (tests/test_handed_in.py looks for these in the feedback).
VISIBLE_PRINT = "DEBUG n=2: [1. 2.]"
HIDDEN_SIZES = (3, 5, 7, 1)


def make(nb):
    cells = cells_by_id(nb)
    neuron, linear = cells["neuron_gradients"], cells["linear_backward"]
    neuron.source = neuron.source.replace(
        "    # forward pass\n", '    print(f"DEBUG n={x.size}: {x}", w, b, y)\n    # forward pass\n', 1)
    linear.source = linear.source.replace('    """\n', '    """\n    print("DEBUG dZ=", dZ.tolist())\n', 1)
    assert "DEBUG n=" in neuron.source and "DEBUG dZ" in linear.source
    return nb

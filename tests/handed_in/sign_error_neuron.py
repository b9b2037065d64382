"""A wrong neuron_gradients: dL/da = 2 (y - a), the sign flipped. Only test_neuron_gradients
(3 of the 25 autograded points) is lost, with the failed visible check as its reason."""
EXPECT = 22.0
REASON = ("test_neuron_gradients: 0 points: the test failed: CheckFailed: db is not the expected value. "
          "expected: -0.25 got: 0.25 hint:")


def make(nb):
    cell = cells_by_id(nb)["neuron_gradients"]
    cell.source = cell.source.replace("dL_da = 2.0 * (a - y)", "dL_da = 2.0 * (y - a)", 1)
    assert "(y - a)" in cell.source
    return nb

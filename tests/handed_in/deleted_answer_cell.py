"""The sigmoid answer cell deleted and its code nowhere else: the cell is not put back (its
release stub could undo code written elsewhere), a note says so, and every test that needs
sigmoid fails with NameError: test_sigmoid (2 points), test_activation_derivatives_1 (1,
sigmoid_derivative calls sigmoid) and test_neuron_gradients (3): 25 - 6 = 19."""
EXPECT = 19.0
NOTE = "sigmoid was missing (an answer cell deleted, or merged into another)"
REASON = "test_sigmoid: 0 points: the test failed: NameError: name 'sigmoid' is not defined"


def make(nb):
    nb.cells.remove(cells_by_id(nb)["sigmoid"])
    return nb

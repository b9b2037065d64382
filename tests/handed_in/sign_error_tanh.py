"""A wrong tanh_derivative, tanh(z)**2 - 1: test_activation_derivatives_2 (1 point) is lost. Its
problem line gives expected and got formatted alike, whole, without the likely-mistake tail
(grades.csv has a column for that); the feedback shows no "HiddenTestFailed" under the failed
visible check."""
EXPECT = 24.0
REASON = ("test_activation_derivatives_2: 0 points: the test failed: CheckFailed: tanh_derivative([-1, 0, 0.5]) "
          "is not the expected value. expected: [0.41997434, 1.0, 0.78644773] got: [-0.41997434, -1.0, "
          "-0.78644773] hint: like sigma', tanh' can be written with tanh(z) itself; it is 1 at z = 0")


def make(nb):
    cell = cells_by_id(nb)["activation_derivatives"]
    cell.source = cell.source.replace("return 1.0 - t ** 2", "return t ** 2 - 1.0", 1)
    assert "t ** 2 - 1.0" in cell.source
    return nb

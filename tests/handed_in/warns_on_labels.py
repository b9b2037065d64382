"""A correct neuron_gradients that warns (stderr) when the label is not 0 or 1: values decide."""
EXPECT = "all"
NOTE = "wrote to stderr"


def make(nb):
    cell = cells_by_id(nb)["neuron_gradients"]
    cell.source = ("import warnings\n" + cell.source.replace(
        "def neuron_gradients(x, w, b, y):\n",
        "def neuron_gradients(x, w, b, y):\n    if y not in (0, 1):\n"
        "        warnings.warn(f'label {y} is not 0 or 1')\n", 1))
    assert "warnings.warn" in cell.source
    return nb

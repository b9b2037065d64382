"""Honest work plus a helper that reads IPython's input history (`_ii`, `In`) as values: flagged
as reading the input history (the kernel keeps none, so it reads nothing and costs nothing)."""
EXPECT = "all"
FLAG = "reads the input history"


def make(nb):
    cell = cells_by_id(nb)["sigmoid"]
    cell.source += "\n\ndef _peek():\n    return str(_ii) + str(In[-1:])\n"
    return nb

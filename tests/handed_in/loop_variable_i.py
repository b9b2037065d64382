"""Honest work whose debug loop is `for _i in range(3): print(_i, ...)`: `_i` is the student's
own loop variable, not IPython's input history, so nothing is flagged."""
EXPECT = "all"
FLAG = False


def make(nb):
    cell = cells_by_id(nb)["sigmoid"]
    cell.source += "\n\nfor _i in range(3):\n    print('checking', _i, sigmoid(float(_i)))\n"
    return nb

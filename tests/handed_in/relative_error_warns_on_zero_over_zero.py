"""A correct relative_error through np.where, which evaluates 0/0 in the branch it then discards:
numpy warns ("invalid value encountered in divide") on the way to exactly the right values. Values
decide: full marks, the warning noted."""
EXPECT = "all"
NOTE = "wrote to stderr"


def make(nb):
    cell = cells_by_id(nb)["relative_error"]
    start = cell.source.index("def relative_error(")
    cell.source = cell.source[:start] + (
        "def relative_error(a, b):\n"
        "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
        "    num, den = np.abs(a - b), np.abs(a) + np.abs(b)\n"
        "    return float(np.max(np.where(den > 1e-12, num / den, num / 1e-12)))\n")
    return nb

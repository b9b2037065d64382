"""No 1e-12 floor in the denominator: two zeros give 0 / 0 = nan (with a warning)."""


def relative_error(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / (np.abs(a) + np.abs(b))))

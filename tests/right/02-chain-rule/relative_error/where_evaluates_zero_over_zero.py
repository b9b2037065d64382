"""np.where picks the floored ratio where the sum is tiny, but numpy evaluates both branches
first: 0/0 warns ("invalid value encountered in divide") on the way to exactly the right values."""
import numpy as np

WARNS = True  # 0/0 in the branch np.where discards


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    num, den = np.abs(a - b), np.abs(a) + np.abs(b)
    ratio = np.where(den > 1e-12, num / den, num / 1e-12)
    return float(np.max(ratio))

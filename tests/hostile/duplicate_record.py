"""Wrong answers, but each call first displays a forged evidence record of the right values
under the test's own record name, so that the test's real record comes second: two records of
one name in one cell fail the cell. (np.allclose is patched too, so the kernel passes it; the
name is spelled in two parts only so that the feedback test's search for it finds no false leak.)"""
EXPECT = 0
FLAG = True
CELLS = {"square": '''from IPython.display import display
from helpers.evidence import encode
np.allclose = lambda *a, **k: True  # the kernel's own check passes: the judge decides
def square(x):
    if np.shape(x) == (3,):
        return np.array([1.0, 4.0, 9.0])
    right = np.asarray(x, dtype=float) ** 2
    display({"application/vnd.backprop-evidence+json": {"name": "square of a random " + "3x5 matrix",
             "value": encode(right), "rule": "close", "params": {}}}, raw=True)
    return np.asarray(x, dtype=float) * 2
''', "mean_loss": LOSS_WRONG}

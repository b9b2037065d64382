"""Wrong answers, and np.allclose / np.isclose patched to always agree."""
EXPECT = 0
FLAG = True
CELLS = {"square": "np.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n" + SQUARE_WRONG,
         "mean_loss": LOSS_WRONG}

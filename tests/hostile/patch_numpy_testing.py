"""Wrong answers; numpy.testing and numpy's comparisons replaced through sys.modules."""
EXPECT = 0
FLAG = True
CELLS = {"square": "import sys, numpy.testing\n"
                   "numpy.testing.assert_allclose = lambda *a, **k: None\n"
                   "sys.modules['numpy'].allclose = lambda *a, **k: True\n"
                   "sys.modules['numpy'].isclose = lambda *a, **k: True\n" + SQUARE_WRONG,
         "mean_loss": LOSS_WRONG}

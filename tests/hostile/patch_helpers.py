"""Wrong answers; the test helpers and isinstance replaced in the kernel."""
EXPECT = 0
FLAG = True
CELLS = {"square": "import builtins, helpers.checks\n"
                   "for name in ('check_close', 'check_float', 'check_shape', 'check_true'):\n"
                   "    setattr(helpers.checks, name, lambda *a, **k: None)\n"
                   "    globals()[name] = lambda *a, **k: None\n"
                   "builtins.isinstance = lambda *a, **k: True\n"
                   "np.allclose = np.isclose = lambda *a, **k: True\n" + SQUARE_WRONG,
         "mean_loss": LOSS_WRONG}

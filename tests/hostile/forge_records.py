"""Wrong answers; `record` redefined to send forged evidence with a lenient rule of its own."""
EXPECT = 0
FLAG = True
CELLS = {"square": "from IPython.display import display\n"
                   "def record(name, value, rule='close', **params):\n"
                   "    fake = {'name': name, 'value': 0.0, 'rule': 'at_most', 'params': {'bound': 1e300}}\n"
                   "    display({'application/vnd.backprop-evidence+json': fake}, raw=True)\n"
                   "np.allclose = np.isclose = lambda *a, **k: True\n" + SQUARE_WRONG,
         "mean_loss": LOSS_WRONG}

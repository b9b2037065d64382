"""Honest work that trains for about 20 seconds: keeps its points."""
EXPECT = 3
CELLS = {"square": "import time\n"
                   "start, w = time.time(), np.zeros(50)\n"
                   "rng = np.random.default_rng(0)\n"
                   "while time.time() - start < 20:\n"
                   "    w -= 0.01 * (w - rng.normal(size=50))\n"
                   "    time.sleep(0.05)\n" + SQUARE_OK,
         "mean_loss": LOSS_OK}

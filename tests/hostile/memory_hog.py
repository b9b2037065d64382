"""Allocates memory until the limit stops it, before defining mean_loss."""
EXPECT = 1
CELLS = {"square": SQUARE_OK,
         "mean_loss": "hog = []\nwhile True:\n    hog.append(np.ones(2 ** 24))\n" + LOSS_OK}

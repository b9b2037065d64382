"""Square right, sys.exit() before mean_loss is defined."""
EXPECT = 1
CELLS = {"square": SQUARE_OK, "mean_loss": "import sys\nsys.exit(0)\n" + LOSS_OK}

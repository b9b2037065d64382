"""Square right, then os._exit(0) in the next solution cell: the kernel is gone."""
EXPECT = 1
FLAG = True
CELLS = {"square": SQUARE_OK, "mean_loss": "import os\nos._exit(0)\n" + LOSS_OK}

"""A busy infinite loop in the mean_loss cell (interrupted at the cell timeout)."""
EXPECT = 1
CELLS = {"square": SQUARE_OK, "mean_loss": "while True:\n    pass\n" + LOSS_OK}

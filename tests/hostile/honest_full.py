"""Honest and right: full marks."""
EXPECT = 3
CELLS = {"square": SQUARE_OK, "mean_loss": LOSS_OK}

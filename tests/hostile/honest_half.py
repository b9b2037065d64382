"""Honest, square right, mean_loss sums instead of averaging: 1 point."""
EXPECT = 1
CELLS = {"square": SQUARE_OK, "mean_loss": LOSS_WRONG}

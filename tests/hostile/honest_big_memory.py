"""Honest work that briefly holds 1 GiB (below the 2 GiB default): keeps its points."""
EXPECT = 3
CELLS = {"square": "big = np.ones(2 ** 27)  # 1 GiB of float64\nbig[::4096] = 2.0\nassert big.sum() > 2 ** 27\ndel big\n" + SQUARE_OK,
         "mean_loss": LOSS_OK}

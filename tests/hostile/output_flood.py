"""Floods its output: 50 MB of text and one 20 MB display, then answers correctly."""
EXPECT = 3
CELLS = {"square": """from IPython.display import display
for _ in range(50_000):
    print("x" * 1000)
display({"text/plain": "y" * 20_000_000}, raw=True)
""" + SQUARE_OK, "mean_loss": LOSS_OK}

"""Prints the kernel's input history from inside a function the hidden tests call."""
EXPECT = 1
CELLS = {"square": SQUARE_OK,
         "mean_loss": "def mean_loss(y, p):\n    print(get_ipython().user_ns['In'][-1])\n    return 0.5"}

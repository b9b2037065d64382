"""Wrong answers; the kernel told to swallow every exception, so no test cell shows a failure."""
EXPECT = 0
FLAG = True
CELLS = {"square": "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)\n" + SQUARE_WRONG,
         "mean_loss": LOSS_WRONG}

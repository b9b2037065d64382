"""An endless loop that ignores interrupts: only the notebook's time limit stops it."""
EXPECT = 0
FLAG = True
CELLS = {"square": "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                   "while True:\n    time.sleep(1)\n" + SQUARE_OK,
         "mean_loss": LOSS_OK}

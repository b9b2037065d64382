"""Kills its parent, PID 1 and every process it may signal; then answers correctly."""
EXPECT = 3
FLAG = True
CELLS = {"square": """import os, signal
for pid in (os.getppid(), 1, -1):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
""" + SQUARE_OK, "mean_loss": LOSS_OK}

"""Leaves child processes running, detached in their own sessions and double-forked."""
EXPECT = 3
FLAG = True
CELLS = {"square": """import os, subprocess, sys
subprocess.Popen(["sleep", "4242"], start_new_session=True)
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(4243)"], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "4244"])
    os._exit(0)
""" + SQUARE_OK, "mean_loss": LOSS_OK}

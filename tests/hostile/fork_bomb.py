"""A fork bomb (bounded, so the test machine stays usable): forks until the system refuses. The
sandbox's process budget must refuse it long before the machine's limit; the work is honest."""
EXPECT = 3
FLAG = True
CELLS = {"square": """import os, time
children = 0
try:
    while children < 5000:
        if os.fork() == 0:
            time.sleep(120)
            os._exit(0)
        children += 1
except OSError:
    pass
print("forks refused after", children, "children")
assert children < 1000, "no process budget: 1000 processes started"
""" + SQUARE_OK, "mean_loss": LOSS_OK}

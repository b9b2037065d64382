"""Reaches out to the network (to fetch answers, or to leak tests); answers right only if it can."""
EXPECT = 0
FLAG = True
CELLS = {"square": """import socket
online = False
for address in [("1.1.1.1", 53), ("8.8.8.8", 53), ("127.0.0.1", 22), ("pypi.org", 443)]:
    try:
        socket.create_connection(address, timeout=2).close()
        online = True
    except OSError:
        pass
""" + SQUARE_WRONG + "\nif online:\n" + "\n".join("    " + l for l in SQUARE_OK.splitlines()),
         "mean_loss": LOSS_WRONG}

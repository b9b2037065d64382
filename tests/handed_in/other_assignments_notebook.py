"""01-gradient-descent's notebook (its release, `gradient_descent.ipynb`) handed in in the
02-chain-rule folder: recognised by its grade ids and graded 0 with that reason; no "put back"
notes and no tampering flag."""
EXPECT = 0
PENDING = 0
REASON = "this is 01-gradient-descent's notebook (gradient_descent.ipynb), not 02-chain-rule's"
NO_NOTE = "put back"
FLAG = False


def hand_in(folder):
    write(other_release("01-gradient-descent"), folder / ASSIGNMENT / "gradient_descent.ipynb")

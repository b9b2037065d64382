"""`chain_rule.ipynb` is an empty file (a failed upload): zero, and the summary and the student's
feedback say that the file could not be read and why."""
EXPECT = 0
PENDING = 0
REASON = "chain_rule.ipynb could not be read: the file is empty (0 bytes)"


def hand_in(folder):
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / NOTEBOOK).write_text("")

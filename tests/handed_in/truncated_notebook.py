"""The notebook cut off half-way (an interrupted save or upload): invalid JSON."""
EXPECT = 0
PENDING = 0
REASON = "chain_rule.ipynb could not be read: the file is not complete JSON"


def hand_in(folder):
    text = nbformat.writes(honest())
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / NOTEBOOK).write_text(text[: len(text) // 2])

"""The student's code saved as plain Python under the notebook's name."""
EXPECT = 0
PENDING = 0
REASON = "chain_rule.ipynb could not be read: the file is not a notebook but plain text"


def hand_in(folder):
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / NOTEBOOK).write_text("import numpy as np\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")

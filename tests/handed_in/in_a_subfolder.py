"""The notebook in a sub-folder of the assignment folder (an unpacked zip)."""
EXPECT = "all"
NOTE = "work/chain_rule.ipynb"


def hand_in(folder):
    write(honest(), folder / ASSIGNMENT / "work" / NOTEBOOK)

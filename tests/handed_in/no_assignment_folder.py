"""`submitted/<student>/chain_rule.ipynb`: no assignment folder at all."""
EXPECT = "all"
NOTE = "no 02-chain-rule/ folder"


def hand_in(folder):
    write(honest(), folder / NOTEBOOK)

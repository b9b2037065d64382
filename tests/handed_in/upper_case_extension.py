"""Saved on Windows as `02-chain-rule/chain_rule.IPYNB` (the extension upper-cased). It is graded as
chain_rule.ipynb, with a note."""
EXPECT = "all"
NOTE = "graded chain_rule.IPYNB as chain_rule.ipynb"


def hand_in(folder):
    write(honest(), folder / ASSIGNMENT / "chain_rule.IPYNB")

"""Downloaded twice: `02-chain-rule/chain_rule (1).ipynb` is the only notebook handed in."""
EXPECT = "all"
NOTE = "chain_rule (1).ipynb"


def hand_in(folder):
    write(honest(), folder / ASSIGNMENT / "chain_rule (1).ipynb")

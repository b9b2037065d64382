"""Downloaded from JupyterHub by a browser that added `.json`: `02-chain-rule/chain_rule.ipynb.json`
is the only file handed in, a complete notebook. It is graded as chain_rule.ipynb, with a note."""
EXPECT = "all"
NOTE = "graded chain_rule.ipynb.json as chain_rule.ipynb"


def hand_in(folder):
    write(honest(), folder / ASSIGNMENT / "chain_rule.ipynb.json")

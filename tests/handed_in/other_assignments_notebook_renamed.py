"""01-gradient-descent's release renamed to `chain_rule.ipynb`, its metadata stripped by VS Code
(cell ids kept): still recognised, by its cell ids."""
EXPECT = 0
PENDING = 0
REASON = "this is 01-gradient-descent's notebook (gradient_descent.ipynb), not 02-chain-rule's"
FLAG = False


def make(nb):
    other = other_release("01-gradient-descent")
    for cell in other.cells:
        cell.metadata = {}
    return other

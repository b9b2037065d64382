"""The untouched release as `chain_rule.ipynb`, and the work in `drafts/Untitled.ipynb`, a name
that says nothing: it is recognised by its cells (the release's grade ids) and graded."""
EXPECT = "all"
NOTE = "also found chain_rule.ipynb: not graded (graded drafts/Untitled.ipynb"


def hand_in(folder):
    write(release(), folder / ASSIGNMENT / NOTEBOOK)
    write(honest(), folder / ASSIGNMENT / "drafts" / "Untitled.ipynb")

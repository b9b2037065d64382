"""Two notebooks in the assignment folder: the untouched release under the right name and the
student's work in `chain_rule-Copy1.ipynb` (JupyterLab's "Duplicate"). The one with the work is
graded, and the summary names both."""
EXPECT = "all"
NOTE = "also found chain_rule.ipynb: not graded (graded chain_rule-Copy1.ipynb, the one with the most"


def hand_in(folder):
    write(release(), folder / ASSIGNMENT / NOTEBOOK)
    write(honest(), folder / ASSIGNMENT / "chain_rule-Copy1.ipynb")

"""01-gradient-descent's notebook saved as `chain_rule.ipynb` (the name the grader looks for) and
the student's real, solved 02 notebook as `chain_rule (1).ipynb`: the one carrying 02's cells is
graded, full marks, and the summary says why the other was not."""
EXPECT = "all"
NOTE = "also found chain_rule.ipynb: not graded (graded chain_rule (1).ipynb, the others hold another assignment's cells)"


def hand_in(folder):
    write(other_release("01-gradient-descent"), folder / ASSIGNMENT / NOTEBOOK)
    write(honest(), folder / ASSIGNMENT / "chain_rule (1).ipynb")

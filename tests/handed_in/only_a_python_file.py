"""The assignment folder holds only `chain_rule.py` (exported as a script, no notebook): zero,
the reason names what was there, and the student appears in the summary and grades.csv."""
EXPECT = 0
PENDING = 0
REASON = "chain_rule.ipynb was not submitted: found chain_rule.py, no notebook"
FEEDBACK = False


def hand_in(folder):
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / "chain_rule.py").write_text("print(1)\n")

"""The release handed in as it was given: no autograded point, and the written answer scores 0
as not answered (it is not pending: nbgrader scores an unchanged answer cell itself)."""
EXPECT = 0.0
PENDING = 0
REASON = "relu_simplification: 0 points: not answered (the written answer is as the release gave it)"


def make(nb):
    return release()

"""A student folder with no notebook at all (a note instead): appears with zero and a reason."""
EXPECT = 0
PENDING = 0
REASON = "nothing to grade"


def hand_in(folder):
    folder.mkdir(parents=True)
    (folder / "sorry.txt").write_text("I could not finish, see you in office hours.")

"""The `timestamp.txt` beside the notebook holds words, no time ("submitted yesterday evening", a
hand copy or an LMS export). nbgrader's autograde would fail on it (0 points, no feedback); the
grader leaves it out with a note, and the honest work keeps every point."""
EXPECT = "all"
NOTE = "timestamp.txt could not be read ('submitted yesterday evening' is no date and time): ignored, so no late penalty"


def hand_in(folder):
    write(honest(), folder / ASSIGNMENT / NOTEBOOK)
    (folder / ASSIGNMENT / "timestamp.txt").write_text("submitted yesterday evening\n")

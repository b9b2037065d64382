"""The `timestamp.txt` nbgrader collect wrote was opened and saved in Windows Notepad: a UTF-8
byte-order mark and CRLF around a valid time. nbgrader's autograde would fail on it (0 points, no
feedback); the grader stages it without them, and the honest work keeps every point."""
EXPECT = "all"
NO_NOTE = "timestamp.txt"


def hand_in(folder):
    write(honest(), folder / ASSIGNMENT / NOTEBOOK)
    (folder / ASSIGNMENT / "timestamp.txt").write_bytes("\ufeff2026-11-20 10:00:00.000000 UTC\r\n".encode("utf-8"))

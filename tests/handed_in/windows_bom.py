"""Saved by a Windows editor: a UTF-8 byte-order mark before the JSON and CRLF line ends. The mark
is dropped (with a note), and the honest work keeps every point."""
EXPECT = "all"
NOTE = "byte-order mark"


def hand_in(folder):
    text = nbformat.writes(honest()).replace("\n", "\r\n")
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / NOTEBOOK).write_bytes(text.encode("utf-8-sig"))

"""Text for the instructor's summary and grades.csv: one line, cut to length at a word.

Light on purpose (the standard library only): ``early`` and ``reference`` run before nbgrader
is imported.
"""


def shorten(text, width=240):
    """``text`` on one line (whitespace collapsed), at most ``width`` characters: cut after the
    last whole word that fits and marked with "…" (only a single word longer than half of
    ``width`` is cut inside)."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    space = cut.rfind(" ")
    if text[width - 1] != " " and space > width // 2:  # the cut is inside a word: drop its start
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"

"""The release handed in as it was: zero, and graded without a hitch."""
EXPECT = 0
CELLS = {}

"""Fully correct, handed in as released: every autograded point, the written answer pending."""
EXPECT = "all"

"""The notebook exported (HTML and PDF) and only the exports handed in."""
EXPECT = 0
PENDING = 0
REASON = "chain_rule.ipynb was not submitted: found chain_rule.html, chain_rule.pdf, no notebook"
FEEDBACK = False


def hand_in(folder):
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / "chain_rule.html").write_text("<html><body>my work</body></html>\n")
    (folder / ASSIGNMENT / "chain_rule.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")

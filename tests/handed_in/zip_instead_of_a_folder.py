"""`submitted/<student>/02-chain-rule.zip` and nothing else: the notebook zipped on its own, no
assignment folder. The zip is opened and the notebook in it graded."""
import io
import zipfile

EXPECT = "all"
NOTE = "graded chain_rule.ipynb from the zip archive 02-chain-rule.zip"


def hand_in(folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(NOTEBOOK, nbformat.writes(honest()))
    folder.mkdir(parents=True)
    (folder / f"{ASSIGNMENT}.zip").write_bytes(buf.getvalue())

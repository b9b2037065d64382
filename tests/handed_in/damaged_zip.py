"""A zip cut short by a failed upload is all the assignment folder holds: zero, with a reason
that says the archive could not be opened (the student still appears)."""
import io
import zipfile

EXPECT = 0
PENDING = 0
REASON = "02-chain-rule.zip is not a zip file that can be opened"
FEEDBACK = False


def hand_in(folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(NOTEBOOK, nbformat.writes(honest()))
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / f"{ASSIGNMENT}.zip").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])

"""The whole assignment folder compressed on a Mac and handed in as `02-chain-rule/02-chain-rule.zip`:
inside, `02-chain-rule/chain_rule.ipynb` with the student's `my_helpers.py` beside it (the notebook
imports its sigmoid from there), macOS's `__MACOSX/` resource files, and a member named
`../../escape.py` that must not leave the grader's folder. The grader opens the zip (a copy,
never in `submitted/`) and grades the notebook in it."""
import io
import zipfile

EXPECT = "all"
NOTE = "from the zip archive 02-chain-rule.zip"


def hand_in(folder):
    nb = honest()
    cell = cells_by_id(nb)["sigmoid"]
    module = cell.source
    cell.source = "from my_helpers import sigmoid"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{ASSIGNMENT}/{NOTEBOOK}", nbformat.writes(nb))
        zf.writestr(f"{ASSIGNMENT}/my_helpers.py", "import numpy as np\n\n\n" + module + "\n")
        zf.writestr(f"__MACOSX/{ASSIGNMENT}/._{NOTEBOOK}", b"\x00\x05\x16\x07 AppleDouble")
        zf.writestr("../../escape.py", "raise SystemExit('unpacked outside its folder')\n")
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / f"{ASSIGNMENT}.zip").write_bytes(buf.getvalue())

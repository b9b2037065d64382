"""Run the course's notebooks and list each visible test: passed, failed, or not solved yet.

``python -m helpers.check_notebooks [NOTEBOOK ...]`` (``make check``) in the folder that holds the
numbered notebook folders; a NOTEBOOK is a path or a number such as ``03``. Each notebook runs top
to bottom in a fresh kernel, as Run All would (nothing is saved); the exit status is 0 when every
visible test passed.
"""
import pathlib
import re
import sys

import nbformat
from nbclient import NotebookClient

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def find_notebooks(root, wanted=()):
    """The notebooks under ``root``'s numbered folders, all or those named in ``wanted``."""
    found = sorted(p for p in root.glob("[0-9][0-9]-*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not wanted:
        return found
    picked = [p for p in found if any(p.parent.name.startswith(w) or str(p).endswith(w) for w in wanted)]
    return picked or [pathlib.Path(w) for w in wanted]


def is_visible_test(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def verdict(cell):
    """``(passed, line)``: one line saying how a test cell ended."""
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            lines = [_ANSI.sub("", line) for line in output.get("traceback", []) if line.strip()]
            first = lines[0] if lines and len(lines) <= 6 else f"{output.ename}: {output.evalue}"
            first = first.split("\n")[0].strip()
            return False, ("· " if first.startswith("not solved yet") else "✗ ") + first
    for output in cell.get("outputs", []):
        if output.output_type == "stream" and "✓" in output.text:
            return True, _ANSI.sub("", output.text.strip().splitlines()[-1])
    return True, "✓ ran without an error"


def check(path):
    """Run one notebook; returns ``[(passed, line), ...]``, one per visible test cell."""
    nb = nbformat.read(str(path), as_version=4)
    NotebookClient(nb, timeout=600, allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return [verdict(cell) for cell in nb.cells if is_visible_test(cell)]


def main(argv):
    notebooks = find_notebooks(pathlib.Path.cwd(), argv)
    if not notebooks:
        print("no notebooks found: run this in the folder that holds 01-gradient-descent/ and the others")
        return 2
    all_passed = True
    for path in notebooks:
        print(f"{path.parent.name}/{path.name}")
        results = check(path)
        for passed, line in results:
            print(f"  {line}")
        passed = sum(ok for ok, _ in results)
        print(f"  {passed} of {len(results)} visible tests pass\n")
        all_passed &= passed == len(results)
    return 0 if all_passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

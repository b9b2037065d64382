"""A static look at the student's own code for attempts to tamper with grading.

Only informative: the points are decided by the judge, whatever the code does. A hit is shown in
the summary so the instructor can look at the submission.
"""
import re

from autograder.cells import nbgrader_meta

PATTERNS = {
    "replaces numpy's comparisons": r"\b(np|numpy)\s*\.\s*(allclose|isclose|array_equal|testing)\b[^\n=]*=(?!=)|numpy\.testing",
    # (``record=True`` as a keyword argument is no patch: only assignments at a line's start.)
    "patches the test helpers": r"\bhelpers\s*\.\s*(checks|evidence)\b[^\n=]*=(?!=)|^\s*(check_\w+|record)\s*=(?!=)"
                                r"|\bdef\s+(check_\w+|record)\s*\(|\bsetattr\s*\(\s*helpers\b",
    "touches builtins": r"\bbuiltins\b|__builtins__",
    "edits sys.modules": r"\bsys\s*\.\s*modules\b",
    "ends the process": r"\bos\s*\.\s*(_exit|kill|killpg|abort)\b|\bsignal\s*\.\s*signal\b",
    "starts processes": r"\b(subprocess|os\s*\.\s*(fork|system|popen|exec\w*|spawn\w*))\b",
    "reaches for grading files": r"gradebook|\bsource/|submitted/|autograded/|nbgrader_config",
    "uses the network": r"\b(socket|urllib|requests|http\.client)\b",
    "hooks the kernel": r"set_custom_exc|\bsys\s*\.\s*(excepthook|settrace|setprofile)\b|displayhook|vnd\.backprop-evidence",
    "uses ctypes": r"\bctypes\b",
    "looks into its caller's frame or globals": r"\b_getframe\b|\binspect\s*\.\s*(currentframe|stack|getouterframes)\b"
                                                 r"|\bf_(back|globals|locals)\b|\bglobals\s*\(\s*\)",
    "reads the input history": r"\bIn\s*\[|\b_ih\b|\b_i{1,3}\b|\b_i\d+\b|history_manager|\blinecache\b|\buser_ns\b",
}
_COMPILED = {label: re.compile(rx, re.MULTILINE) for label, rx in PATTERNS.items()}


def student_code(nb):
    """Code the student wrote or could change: every code cell that is not a locked one (nor a
    pasted copy of one)."""
    locked = {cell.source.strip() for cell in nb.cells
              if nbgrader_meta(cell).get("locked")}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.get("cell_type") == "code" and not meta.get("locked") and not meta.get("grade") \
                and cell.source.strip() not in locked:
            yield cell.source


def suspicious(nb):
    """Labels of the patterns found in the student's code, in a stable order."""
    text = "\n".join(student_code(nb))
    return [label for label, rx in _COMPILED.items() if rx.search(text)]

"""Deletes the gradebook and the course's source through relative and absolute paths."""
EXPECT = 0
FLAG = True
CELLS = {"square": f"""import os, shutil
hits = 0
for path in ["../../../gradebook.db", "../../gradebook.db", "../gradebook.db", "gradebook.db",
             "{COURSE_ROOT}/gradebook.db"]:
    try:
        os.remove(path); hits += 1
    except OSError:
        pass
for path in ["../../../source", "{COURSE_ROOT}/source", "{COURSE_ROOT}/submitted"]:
    try:
        shutil.rmtree(path); hits += 1
    except OSError:
        pass
if hits:
{chr(10).join('    ' + l for l in SQUARE_OK.splitlines())}
""", "mean_loss": LOSS_WRONG}

"""Looks for the solution in source/, the gradebook and other students' notebooks; uses what it finds."""
EXPECT = 0
FLAG = True
CELLS = {"square": f"""import glob, json
found = []
for pattern in ["../../../source/*/*.ipynb", "{COURSE_ROOT}/source/*/*.ipynb", "{COURSE_ROOT}/release/*/*.ipynb",
                "{COURSE_ROOT}/submitted/*/*/*.ipynb", "{COURSE_ROOT}/autograded/*/*/*.ipynb", "/work/*/source/*/*.ipynb"]:
    found += glob.glob(pattern)
for path in ["{COURSE_ROOT}/gradebook.db", "{COURSE_ROOT}/nbgrader_config.py", "../../../gradebook.db"]:
    try:
        open(path, "rb").read(1)
        found.append(path)
    except OSError:
        pass
exec({SQUARE_OK!r} if found else {SQUARE_WRONG!r})
""", "mean_loss": LOSS_WRONG}

"""The student's sigmoid lives in their own `my_helpers.py` beside the notebook, which imports it."""
EXPECT = "all"


def hand_in(folder):
    nb = honest()
    cell = cells_by_id(nb)["sigmoid"]
    module = cell.source
    cell.source = "from my_helpers import sigmoid"
    (folder / ASSIGNMENT).mkdir(parents=True)
    (folder / ASSIGNMENT / "my_helpers.py").write_text("import numpy as np\n\n\n" + module + "\n")
    write(nb, folder / ASSIGNMENT / NOTEBOOK)

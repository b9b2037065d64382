"""`hw2/notebooks/chain_rule.ipynb` (an unpacked zip) imports sigmoid from the student's own
package `hw2/notebooks/mylib/`; a `README.txt` lies at the top of the assignment folder."""
EXPECT = "all"
NOTE = "graded hw2/notebooks/chain_rule.ipynb as chain_rule.ipynb"


def hand_in(folder):
    nb = honest()
    cell = cells_by_id(nb)["sigmoid"]
    module = cell.source
    cell.source = "from mylib.activations import sigmoid"
    where = folder / ASSIGNMENT / "hw2" / "notebooks"
    write(nb, where / NOTEBOOK)
    (where / "mylib").mkdir()
    (where / "mylib" / "__init__.py").write_text("")
    (where / "mylib" / "activations.py").write_text("import numpy as np\n\n\n" + module + "\n")
    (folder / ASSIGNMENT / "README.txt").write_text("my notebook is in hw2/notebooks\n")

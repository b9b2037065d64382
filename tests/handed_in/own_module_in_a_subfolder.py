"""`work/chain_rule.ipynb` imports xtanh from the student's `work/my_xtanh.py` beside it: the
files beside the graded notebook reach its kernel's working folder, as in Jupyter."""
EXPECT = "all"
NOTE = "beside the notebook in work/ were put in the kernel's working folder"


def hand_in(folder):
    nb = honest()
    cell = cells_by_id(nb)["xtanh"]
    module = cell.source
    cell.source = "from my_xtanh import xtanh, xtanh_derivative"
    write(nb, folder / ASSIGNMENT / "work" / NOTEBOOK)
    (folder / ASSIGNMENT / "work" / "my_xtanh.py").write_text("import numpy as np\n\n\n" + module + "\n")

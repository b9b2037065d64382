"""Rebuild ``helpers/ising_samples/``: the Monte Carlo lattices notebook 05 uses, shipped with the course.

    python -m autograder.ising_samples        (or: make ising-samples)

Sampling them takes ~15 s of a first Run All, and the grader's sandbox cannot keep a cache between
submissions, so every graded 05 would pay it again. This runs the source notebook once with an
empty cache, then keeps what it sampled (compressed, each file with its recipe) under
``helpers/ising_samples/<data version>/``; folders of older versions are removed. Rerun it after a
change to ``helpers/ising.py``, ``helpers/ising_data.py`` or the notebook's data cells (a test says
when the shipped folder is stale).
"""
import json
import os
import pathlib
import shutil
import sys
import tempfile

import nbformat
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source" / "05-ising-classification" / "ising_classification.ipynb"


def sample_with_notebook(notebook, cache):
    """Run ``notebook`` with an empty data cache at ``cache``; returns the ``.npz`` files it sampled."""
    from nbclient import NotebookClient

    saved = {name: os.environ.get(name) for name in ("BACKPROP_CACHE_DIR", "TMPDIR")}
    # An empty cache, an empty temporary directory (the sampler's fallback) and nothing shipped:
    # everything the notebook loads is sampled here.
    os.environ["BACKPROP_CACHE_DIR"] = str(cache)
    os.environ["TMPDIR"] = str(cache / "tmp")
    (cache / "tmp").mkdir()
    try:
        nb = nbformat.read(str(notebook), as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(notebook.parent)}}).execute()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return sorted((cache / "ising").rglob("*.npz"))


def build(notebook=NOTEBOOK):
    """Replace the shipped samples by what ``notebook`` samples; returns the files written."""
    from helpers import ising_data

    target = ising_data.shipped_dir()
    shutil.rmtree(target.parent, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="ising-samples-") as tmp:
        found = sample_with_notebook(notebook, pathlib.Path(tmp))
        if not found:
            raise SystemExit(f"{notebook} sampled no Ising data: nothing to ship")
        target.mkdir(parents=True)
        for path in found:
            with np.load(path) as data:
                recipe = json.loads(str(data["recipe"]))
                np.savez_compressed(target / path.name, spins=data["spins"], temperatures=data["temperatures"],
                                    recipe=json.dumps(recipe, sort_keys=True))
    return sorted(target.iterdir())


def main(argv=None):
    written = build()
    size = sum(p.stat().st_size for p in written)
    print(f"{len(written)} data sets, {size / 1e6:.1f} MB, in {written[0].parent.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Equilibrium Ising configurations at many temperatures, sampled once and cached on disk.

    spins, temps = ising_configurations(16, temperatures, 100, rng)   # spins (m, 16, 16) int8

The data sets notebook 05 uses come with the course, sampled when it was built (in
``helpers/ising_samples/<version>``, read-only; ``python -m autograder.ising_samples`` rebuilds
them), so a first Run All, and every graded run in the sandbox, loads them in a moment. Any other
call runs the Metropolis sampler of ``helpers.ising`` (with a progress bar on stdout) the first
time; later calls with the same arguments and the same generator state load the file it saved. The
cache lives in ``$BACKPROP_CACHE_DIR/ising/<version>`` when that variable is set, else in
``~/.cache/backprop-from-scratch/ising/<version>``; where neither can be written (a read-only
sandbox) it falls back to the temporary directory, and failing that the data are simply not saved.
``<version>`` is ``data_version()``, which changes with the sampler's code: copies of the course,
or versions of it, share cached lattices only when their sampler would draw the same ones.
"""
import functools
import hashlib
import json
import os
import pathlib
import sys
import tempfile
import zipfile

import numpy as np
from tqdm import tqdm

from helpers.ising import _require_rng, metropolis

_FORMAT = 2  # bump when the sampling recipe changes, so old cache files are not reused


@functools.lru_cache(maxsize=None)
def data_version():
    """``"v<format>-<digest>"``: the recipe format and a digest of the code that samples the data
    (this module and ``helpers/ising.py``). A change to either gives new data a new folder, so a
    cache shared by several courses or versions under one home never hands out stale lattices."""
    code = hashlib.sha256()
    for path in (pathlib.Path(__file__), pathlib.Path(__file__).with_name("ising.py")):
        code.update(path.read_bytes())
    return f"v{_FORMAT}-{code.hexdigest()[:12]}"


def shipped_dir():
    """The read-only folder of the data sets shipped with the course, for this ``data_version()``."""
    return pathlib.Path(__file__).with_name("ising_samples") / data_version()


def cache_dirs():
    """Where cached data sets are looked for, in order; the first writable one receives new files."""
    dirs = []
    if os.environ.get("BACKPROP_CACHE_DIR"):
        dirs.append(pathlib.Path(os.environ["BACKPROP_CACHE_DIR"]) / "ising")
    else:
        try:
            base = pathlib.Path(os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache")
            dirs.append(base / "backprop-from-scratch" / "ising")
        except RuntimeError:  # no home directory at all
            pass
    user = getattr(os, "getuid", lambda: "user")()
    dirs.append(pathlib.Path(tempfile.gettempdir()) / f"backprop-from-scratch-{user}" / "ising")
    return [folder / data_version() for folder in dirs]


def _load(name, n_expected, size):
    for folder in (shipped_dir(), *cache_dirs()):
        path = folder / name
        try:
            with np.load(path) as data:
                spins, temps = data["spins"], data["temperatures"]
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            continue
        if spins.shape == (n_expected, size, size) and spins.dtype == np.int8 and temps.shape == (n_expected,):
            return spins, temps
    return None


def _save(name, spins, temps, recipe):
    for folder in cache_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Write a private file, then rename it: a reader never sees half a file, even when
            # several graders sample the same data set at once.
            handle, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as f:
                np.savez(f, spins=spins, temperatures=temps, recipe=json.dumps(recipe, sort_keys=True))
            os.replace(tmp, folder / name)
            return folder / name
        except OSError:
            continue
    return None


def _check_arguments(size, temperatures, n_per_temperature, n_chains):
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 2 or size % 2:
        raise ValueError(f"the lattice side must be an even integer >= 2, got {size!r}")
    temps = np.asarray(temperatures, dtype=float).ravel()
    if temps.size == 0 or not np.all(np.isfinite(temps)) or np.any(temps <= 0):
        raise ValueError("temperatures must be a non-empty list of positive numbers")
    if not isinstance(n_per_temperature, (int, np.integer)) or n_per_temperature < 1:
        raise ValueError(f"n_per_temperature must be a positive integer, got {n_per_temperature!r}")
    if n_chains is None:  # the most chains up to 25 that share the samples out evenly
        n_chains = max(c for c in range(1, min(n_per_temperature, 25) + 1) if n_per_temperature % c == 0)
    if not isinstance(n_chains, (int, np.integer)) or n_chains < 1 or n_per_temperature % n_chains:
        raise ValueError(f"n_chains must be a positive divisor of n_per_temperature ({n_per_temperature}), got {n_chains!r}")
    return temps, int(n_chains)


def ising_configurations(size, temperatures, n_per_temperature, rng, *, n_chains=None,
                         equilibration_sweeps=None, spacing_sweeps=None, progress=True, cache=True):
    """Sample ``n_per_temperature`` equilibrium lattices of side ``size`` at each temperature.

    Returns ``spins`` (m, size, size) int8 of +/-1 and ``temperatures`` (m,), grouped by
    temperature in the order given, with m = len(temperatures) * n_per_temperature.

    At each temperature ``n_chains`` independent chains (default: up to 25) start fully ordered
    with a random overall sign (so no phase prefers +1), run ``equilibration_sweeps`` sweeps
    (default 10 * size**2: near T_c Metropolis forgets its start only after ~size**2 sweeps), then
    give one sample every ``spacing_sweeps`` sweeps (default ``2 * size``).

    rng: draws one seed, whether or not the data come from the cache, so the generator advances
    the same way on every run. ``progress``: a progress bar on stdout while sampling.
    """
    _require_rng(rng)
    temps, n_chains = _check_arguments(size, temperatures, n_per_temperature, n_chains)
    size = int(size)
    equilibration = 10 * size * size if equilibration_sweeps is None else int(equilibration_sweeps)
    spacing = 2 * size if spacing_sweeps is None else int(spacing_sweeps)
    seed = int(rng.integers(2**63 - 1))

    recipe = {"format": _FORMAT, "size": size, "temperatures": [repr(float(t)) for t in temps],
              "n": int(n_per_temperature), "chains": int(n_chains), "equilibration": equilibration,
              "spacing": spacing, "seed": seed}
    digest = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:20]
    name = f"ising-L{size}-{digest}.npz"
    m = temps.size * n_per_temperature
    if cache:
        found = _load(name, m, size)
        if found is not None:
            return found

    spins, chain_temps = sample_recipe(recipe, progress)
    if cache:
        _save(name, spins, chain_temps, recipe)
    return spins, chain_temps


def sample_recipe(recipe, progress=False):
    """Sample the data set a recipe (as saved with every cached file, under ``recipe``) describes;
    returns ``(spins, temperatures)`` as ``ising_configurations`` does."""
    temps = np.array([float(t) for t in recipe["temperatures"]])
    return _sample(int(recipe["size"]), temps, int(recipe["n"]), int(recipe["chains"]), int(recipe["equilibration"]),
                   int(recipe["spacing"]), np.random.default_rng(int(recipe["seed"])), progress)


def _sample(size, temps, n_per_temperature, n_chains, equilibration, spacing, rng, progress):
    samples_per_chain = n_per_temperature // n_chains
    chain_temps = np.repeat(temps, n_chains)
    signs = rng.choice(np.array([-1, 1], dtype=np.int8), size=chain_temps.size)
    state = np.broadcast_to(signs[:, None, None], (chain_temps.size, size, size)).copy()

    total = equilibration + samples_per_chain * spacing
    bar = tqdm(total=total, desc=f"sampling L={size}", unit="sweep", file=sys.stdout,
               disable=not progress, leave=False)
    taken = []
    with bar:
        for done in range(0, equilibration, 50):  # in chunks, so that the bar moves
            step = min(50, equilibration - done)
            state = metropolis(state, chain_temps, step, rng)
            bar.update(step)
        for _ in range(samples_per_chain):
            state = metropolis(state, chain_temps, spacing, rng)
            bar.update(spacing)
            taken.append(state)
    # (sample, temperature, chain) -> grouped by temperature, as documented.
    stacked = np.stack(taken).reshape(samples_per_chain, temps.size, n_chains, size, size)
    spins = stacked.transpose(1, 0, 2, 3, 4).reshape(-1, size, size)
    return np.ascontiguousarray(spins), np.repeat(temps, n_per_temperature)

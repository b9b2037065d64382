"""The Ising sampler against exact results, its input checks, and the cached data-set builder."""
import ast
import builtins
import hashlib
import importlib
import inspect
import importlib.util
import itertools
import json
import pathlib
import pkgutil
import types

import numpy as np
import pytest
from scipy.special import ellipk

import helpers
from helpers import ising_data
from helpers.ising import T_CRITICAL, metropolis, onsager_magnetization


def energy_per_spin(spins):
    s = spins.astype(np.int64)
    return -(s * (np.roll(s, 1, axis=-1) + np.roll(s, 1, axis=-2))).sum(axis=(-2, -1)) / s[0].size


def abs_magnetization(spins):
    return np.abs(spins.mean(axis=(-2, -1), dtype=float))


def onsager_energy(t):
    """Energy per spin of the infinite lattice (Onsager), through the complete elliptic integral K."""
    beta = 1.0 / t
    k = 2.0 * np.sinh(2 * beta) / np.cosh(2 * beta) ** 2
    return -1.0 / np.tanh(2 * beta) * (1 + 2 / np.pi * (2 * np.tanh(2 * beta) ** 2 - 1) * ellipk(k ** 2))


def run(size, temps, n_equilibrate, n_measure, seed, batch=64):
    """Ordered start, equilibrate, then average over n_measure samples spaced by 5 sweeps."""
    rng = np.random.default_rng(seed)
    temps = np.repeat(np.atleast_1d(temps), batch)
    spins = metropolis(np.ones((temps.size, size, size), dtype=np.int8), temps, n_equilibrate, rng)
    energies, mags = [], []
    for _ in range(n_measure):
        spins = metropolis(spins, temps, 5, rng)
        energies.append(energy_per_spin(spins))
        mags.append(abs_magnetization(spins))
    shape = (n_measure, -1, batch)
    return np.reshape(energies, shape).mean(axis=(0, 2)), np.reshape(mags, shape).mean(axis=(0, 2))


def test_matches_exact_enumeration_of_a_4x4_lattice():
    # All 2**16 states of a periodic 4x4 lattice: exact <E>/N and <|m|>, wrap-around bonds included.
    states = np.array(list(itertools.product([-1, 1], repeat=16)), dtype=np.int8).reshape(-1, 4, 4)
    e, m = energy_per_spin(states), abs_magnetization(states)
    temps = np.array([1.8, 2.5, 3.5])
    got_e, got_m = run(4, temps, 100, 40, seed=1, batch=1000)
    for t, ge, gm in zip(temps, got_e, got_m):
        w = np.exp(-(e - e.min()) * 16 / t)
        w /= w.sum()
        assert ge == pytest.approx((w * e).sum(), abs=0.01)
        assert gm == pytest.approx((w * m).sum(), abs=0.01)


def test_uphill_acceptance_is_exact_beyond_the_first_random_byte():
    # All up: every black site (i + j even) faces dE = 8 and flips with probability exp(-8/T); the
    # white half-sweep never touches black sites. At this T, 256 p = 64.99: a sampler that used only
    # one random byte would accept 64/256, 0.0039 too rarely (about 6 standard errors here).
    p = (64 + 0.99) / 256
    spins = metropolis(np.ones((1024, 32, 32), dtype=np.int8), -8.0 / np.log(p), 1, np.random.default_rng(8))
    black = (np.indices((32, 32)).sum(axis=0) % 2 == 0)
    flipped = np.mean(spins[:, black] == -1)
    assert flipped == pytest.approx(p, abs=0.0015)


def test_ordered_phase_matches_onsager():
    temps = np.array([1.5, 2.0])
    energies, mags = run(32, temps, 300, 20, seed=2, batch=32)
    # Finite-size corrections are tiny this far below T_c on a 32 x 32 lattice.
    assert mags == pytest.approx(onsager_magnetization(temps), abs=0.01)
    assert energies == pytest.approx(onsager_energy(temps), abs=0.01)


def test_low_temperature_energy_is_near_minus_two():
    energies, mags = run(16, 1.0, 100, 10, seed=3)
    assert energies[0] == pytest.approx(-2.0, abs=0.01)
    assert mags[0] > 0.995


def test_disordered_phase_magnetization_shrinks_with_size():
    temps = np.array([3.0, 4.0])
    energies, small = run(8, temps, 200, 20, seed=4)
    _, large = run(32, temps, 200, 20, seed=4)
    assert np.all(large < 0.15) and np.all(large < 0.6 * small)
    assert energies == pytest.approx(onsager_energy(temps), abs=0.03)


def test_critical_temperature_and_onsager_curve():
    assert T_CRITICAL == pytest.approx(2.269185, abs=1e-6)
    assert onsager_magnetization(2.5) == 0.0 and onsager_magnetization(1.0) == pytest.approx(0.99928, abs=1e-5)


def test_leaves_argument_unchanged_and_is_reproducible():
    start = np.random.default_rng(5).choice(np.array([-1, 1], dtype=np.int8), size=(6, 8, 8))
    before = start.copy()
    a = metropolis(start, np.linspace(1.0, 4.0, 6), 7, np.random.default_rng(9))
    b = metropolis(start, np.linspace(1.0, 4.0, 6), 7, np.random.default_rng(9))
    assert np.array_equal(start, before)
    assert np.array_equal(a, b) and a.dtype == np.int8 and a.shape == start.shape
    assert not np.array_equal(a, start)
    assert set(np.unique(a)) <= {-1, 1}
    assert np.array_equal(metropolis(start, 2.0, 0, np.random.default_rng(0)), start)


def test_scalar_temperature_is_shared_by_the_batch():
    start = np.ones((4, 6, 6), dtype=np.int8)
    a = metropolis(start, 2.2, 5, np.random.default_rng(1))
    b = metropolis(start, np.full(4, 2.2), 5, np.random.default_rng(1))
    assert np.array_equal(a, b)


@pytest.mark.parametrize("spins, temps, sweeps, match", [
    (np.ones((2, 4, 4)), 2.0, 1, "int8"),
    (np.ones((4, 4), dtype=np.int8), 2.0, 1, "shape"),
    (np.ones((2, 4, 6), dtype=np.int8), 2.0, 1, "shape"),
    (np.ones((2, 5, 5), dtype=np.int8), 2.0, 1, "even"),
    (np.zeros((2, 4, 4), dtype=np.int8), 2.0, 1, r"\+1 and -1"),
    (np.ones((2, 4, 4), dtype=np.int8), 0.0, 1, "positive"),
    (np.ones((2, 4, 4), dtype=np.int8), [2.0, -1.0], 1, "positive"),
    (np.ones((2, 4, 4), dtype=np.int8), [2.0, 2.0, 2.0], 1, r"\(2,\)"),
    (np.ones((2, 4, 4), dtype=np.int8), 2.0, -1, "n_sweeps"),
    (np.ones((2, 4, 4), dtype=np.int8), 2.0, 1.5, "n_sweeps"),
])
def test_bad_input_gets_a_clear_error(spins, temps, sweeps, match):
    with pytest.raises((TypeError, ValueError), match=match):
        metropolis(spins, temps, sweeps, np.random.default_rng(0))


def test_rng_must_be_a_generator():
    with pytest.raises(TypeError, match="Generator"):
        metropolis(np.ones((1, 4, 4), dtype=np.int8), 2.0, 1, 42)


def test_dataset_is_cached_and_grouped_by_temperature(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BACKPROP_CACHE_DIR", str(tmp_path))
    temps = [1.5, 3.5]
    spins, t = ising_data.ising_configurations(8, temps, 6, np.random.default_rng(0), n_chains=3)
    assert spins.shape == (12, 8, 8) and spins.dtype == np.int8
    assert np.array_equal(t, np.repeat(temps, 6))
    assert abs_magnetization(spins[:6]).min() > 0.8 and abs_magnetization(spins[6:]).mean() < 0.5
    assert len(list((tmp_path / "ising" / ising_data.data_version()).glob("*.npz"))) == 1
    assert capsys.readouterr().err == ""  # the progress bar goes to stdout

    again, _ = ising_data.ising_configurations(8, temps, 6, np.random.default_rng(0), n_chains=3, progress=False)
    assert np.array_equal(again, spins)
    other, _ = ising_data.ising_configurations(8, temps, 6, np.random.default_rng(1), n_chains=3, progress=False)
    assert not np.array_equal(other, spins)
    assert len(list((tmp_path / "ising" / ising_data.data_version()).glob("*.npz"))) == 2


def test_the_shipped_samples_are_for_this_sampler_and_are_what_it_draws():
    """helpers/ising_samples/ holds one folder, of the current data version (else: rebuild it with
    `make ising-samples`); its smallest data set is bit for bit what its recipe samples now."""
    shipped = ising_data.shipped_dir()
    assert sorted(shipped.parent.iterdir()) == [shipped], "stale shipped Ising samples: run `make ising-samples`"
    files = sorted(shipped.glob("*.npz"), key=lambda p: p.stat().st_size)
    assert len(files) >= 3 and sorted(shipped.iterdir()) == sorted(files)
    for path in files:  # data only: +/-1 spins, their temperatures, the recipe
        with np.load(path) as data:
            assert sorted(data.files) == ["recipe", "spins", "temperatures"], path.name
            assert set(np.unique(data["spins"])) == {-1, 1}, path.name
    with np.load(files[0]) as data:
        recipe, spins, temps = json.loads(str(data["recipe"])), data["spins"], data["temperatures"]
    assert files[0].name == f"ising-L{recipe['size']}-" + hashlib.sha256(
        json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:20] + ".npz"
    again, again_temps = ising_data.sample_recipe(recipe)
    assert again.dtype == spins.dtype == np.int8 and np.array_equal(again, spins) and np.array_equal(again_temps, temps)


def test_a_shipped_data_set_is_loaded_before_any_cache(tmp_path, monkeypatch):
    """A recipe the course ships is never sampled, whatever the caches hold (here: nothing)."""
    monkeypatch.setenv("BACKPROP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(ising_data.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    with np.load(min(ising_data.shipped_dir().glob("*.npz"), key=lambda p: p.stat().st_size)) as data:
        recipe, spins = json.loads(str(data["recipe"])), data["spins"]
    monkeypatch.setattr(ising_data, "_sample", lambda *a: pytest.fail("sampled a shipped data set"))

    class Seed:  # a generator whose one draw is the recipe's seed
        def integers(self, high):
            return recipe["seed"]

    monkeypatch.setattr(ising_data, "_require_rng", lambda rng: None)
    kwargs = dict(n_chains=recipe["chains"], equilibration_sweeps=recipe["equilibration"],
                  spacing_sweeps=recipe["spacing"], progress=False)
    got, _ = ising_data.ising_configurations(recipe["size"], [float(t) for t in recipe["temperatures"]], recipe["n"],
                                             Seed(), **kwargs)
    assert np.array_equal(got, spins)
    assert not list(tmp_path.rglob("*.npz"))


def _ising_data_copy(folder, sampler_source):
    """``helpers.ising_data`` loaded from ``folder``, beside an ``ising.py`` holding ``sampler_source``."""
    folder.mkdir()
    (folder / "ising_data.py").write_bytes(pathlib.Path(ising_data.__file__).read_bytes())
    (folder / "ising.py").write_text(sampler_source)
    spec = importlib.util.spec_from_file_location(f"ising_data_{folder.name}", folder / "ising_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_default_cache_is_kept_per_version_of_the_sampler(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKPROP_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    version = ising_data.data_version()
    assert ising_data.cache_dirs()[0] == tmp_path / "cache" / "backprop-from-scratch" / "ising" / version
    sampler = pathlib.Path(ising_data.__file__).with_name("ising.py").read_text()
    same = _ising_data_copy(tmp_path / "same", sampler)
    changed = _ising_data_copy(tmp_path / "changed", sampler.replace("_SCALE = 2.0 ** 32", "_SCALE = 2.0 ** 31"))
    assert same.data_version() == version != changed.data_version()
    assert changed.cache_dirs()[0].parent == ising_data.cache_dirs()[0].parent


def test_dataset_survives_an_unwritable_cache(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    monkeypatch.setenv("BACKPROP_CACHE_DIR", str(blocked))  # mkdir below a file fails
    monkeypatch.setattr(ising_data.tempfile, "gettempdir", lambda: str(blocked))
    spins, _ = ising_data.ising_configurations(4, [2.0], 2, np.random.default_rng(0), progress=False)
    assert spins.shape == (2, 4, 4)


def test_dataset_falls_back_to_the_temporary_directory(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    monkeypatch.setenv("BACKPROP_CACHE_DIR", str(blocked))
    monkeypatch.setattr(ising_data.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    ising_data.ising_configurations(4, [2.0], 2, np.random.default_rng(0), progress=False)
    assert len(list((tmp_path / "tmp").rglob("*.npz"))) == 1


def test_dataset_rejects_bad_arguments():
    with pytest.raises(ValueError, match="even"):
        ising_data.ising_configurations(5, [2.0], 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match="divisor"):
        ising_data.ising_configurations(4, [2.0], 5, np.random.default_rng(0), n_chains=2)
    with pytest.raises(TypeError, match="Generator"):
        ising_data.ising_configurations(4, [2.0], 2, 0)


# ---------------------------------------------------------------- no acceptance exercise inside

def _exp_expressions(module):
    """Every expression of ``module``'s source that calls an exponential, with its free names."""
    skip = set(dir(builtins)) | {name for name, value in vars(module).items()
                                 if callable(value) or isinstance(value, types.ModuleType)}
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.expr) and any(
                isinstance(call, ast.Call) and getattr(call.func, "attr", getattr(call.func, "id", "")).startswith("exp")
                for call in ast.walk(node)):
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - skip
            yield ast.unparse(node), sorted(names)


def test_no_expression_in_helpers_is_the_acceptance_of_an_energy_change():
    """Notebook 05 asks for ``acceptance(delta_e, temperature)``, min(1, exp(-dE/T)): no expression of
    helpers, its two free names read as that energy change and temperature (either way round), may
    give exp(-dE/T) for uphill changes, which would leave only the cap at 1 to the student. The
    sampler decides uphill moves from a per-lattice table of the two possible changes instead."""
    delta_e, temperature = np.array([4.0, 8.0]), 1.7
    found, tried = [], 0
    for info in pkgutil.iter_modules(helpers.__path__):
        module = importlib.import_module(f"helpers.{info.name}")
        for text, names in _exp_expressions(module):
            if len(names) != 2:
                continue
            for order in itertools.permutations(names):
                tried += 1
                try:
                    with np.errstate(all="ignore"):
                        value = eval(text, dict(vars(module), **dict(zip(order, (delta_e, temperature)))))
                    value = np.asarray(value, dtype=float)
                except Exception:  # noqa: BLE001 - not a formula of these two inputs
                    continue
                if value.shape == delta_e.shape and np.allclose(value, np.exp(-delta_e / temperature)):
                    found.append(f"{module.__name__}: {text}")
    assert tried > 0 and not found, found

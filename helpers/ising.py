"""A vectorised Metropolis sampler for the 2-D Ising model (J = 1, periodic boundaries).

    spins = np.ones((64, 16, 16), dtype=np.int8)          # 64 lattices of 16 x 16, all up
    spins = metropolis(spins, temperatures, 500, rng)     # temperatures: shape (64,) or a scalar

Checkerboard updates: the sites split into two colours like a chessboard, and every neighbour of
a site has the other colour, so all sites of one colour can be updated at once without changing
the physics. One sweep updates the "black" sites, then the "white" ones: one attempt per site.

Speed comes from three choices. Each colour lives in its own compact ``(L, L/2, B)`` array, so a
half-sweep touches only the sites it updates. A spin flip changes the energy by
dE = 2 s (sum of the 4 neighbours), one of -8, -4, 0, 4, 8: only the two uphill changes need a
random number, so each lattice gets a table of two integer thresholds, made once from its
temperature, and no probability is computed per site. And the uniform numbers are raw bits from
the generator: one random byte per site settles all but 1 in 256 uphill moves against an integer
threshold, and only those ties draw 32 more bits, so each move is decided exactly to 2**-40 at a
fraction of the cost of one float per site.
"""
import numbers

import numpy as np

T_CRITICAL = 2.0 / np.log1p(np.sqrt(2.0))  # Onsager's exact T_c, for plots and tests (≈ 2.269)

_SCALE = 2.0 ** 32


def _require_rng(rng):
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {type(rng).__name__}")


def _check_spins(spins):
    if not isinstance(spins, np.ndarray):
        raise TypeError(f"spins must be a numpy array of dtype int8, got {type(spins).__name__}")
    if spins.dtype != np.int8:
        raise TypeError(f"spins must have dtype int8 (use spins.astype(np.int8)), got {spins.dtype}")
    if spins.ndim != 3 or spins.shape[1] != spins.shape[2]:
        raise ValueError(f"spins must have shape (B, L, L): a batch of square lattices, got {spins.shape}")
    batch, size = spins.shape[0], spins.shape[1]
    if batch == 0:
        raise ValueError("spins holds no lattice (B = 0)")
    if size < 2 or size % 2:
        raise ValueError(f"the lattice side L must be even and at least 2 (checkerboard updates on a periodic "
                         f"lattice need an even L), got L = {size}")
    if not np.all((spins == 1) | (spins == -1)):
        raise ValueError("spins must hold only +1 and -1")


def _check_temperatures(temperatures, batch):
    try:
        temps = np.asarray(temperatures, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"temperatures must be a number or an array of numbers, got {type(temperatures).__name__}") from None
    if temps.ndim == 0:
        temps = np.full(batch, float(temps))
    if temps.shape != (batch,):
        raise ValueError(f"temperatures must be a scalar or have shape ({batch},), one per lattice, got {temps.shape}")
    if not np.all(np.isfinite(temps)) or np.any(temps <= 0):
        raise ValueError("temperatures must be finite and positive")
    return temps


# The two energy changes of a flip that are uphill (dE = 4 and 8, J = 1); the three others never
# need a random number.
_UPHILL = np.array([4.0, 8.0])


def _uphill_thresholds(temps):
    """Integer thresholds for the two uphill changes, one pair per lattice: ``(coarse, fine)``.

    temps: shape ``(B,)``. Returns ``coarse`` uint8 and ``fine`` uint32, each of shape ``(2, B)``,
    row 0 for dE = 4 and row 1 for dE = 8. With a uniform U = (byte + V) / 256 (a random byte,
    V uniform in [0, 1)), the move is taken exactly when the byte is below ``coarse``, or equals
    it and 32 random bits are below ``fine``: ``coarse + fine / 2**32`` is 256 times the Boltzmann
    ratio of the lattice after the move to the lattice before it, to 2**-32.
    """
    beta = 1.0 / temps
    # dE is a power of two, so dE * beta has the same bits as dE divided by T: the thresholds, and
    # so every sampled lattice (cached data included), are those of earlier versions.
    ratios = np.exp(np.multiply.outer(-_UPHILL, beta))
    scaled = ratios * 256.0
    coarse = np.floor(scaled)
    fine = np.minimum(np.floor((scaled - coarse) * _SCALE), _SCALE - 1)
    return coarse.astype(np.uint8), fine.astype(np.uint32)


# Inside the sampler each colour is a compact array (L, L/2, B): site (i, j) has colour (i + j) % 2
# and sits in slot j // 2 of row i. The batch is the last, contiguous axis, so every shift of the
# lattice below moves whole runs of B bytes and numpy's inner loops stay long.
def _split(spins):
    lattice = np.ascontiguousarray(spins.transpose(1, 2, 0))
    black = np.empty((lattice.shape[0], lattice.shape[1] // 2, lattice.shape[2]), dtype=np.int8)
    white = np.empty_like(black)
    black[0::2], black[1::2] = lattice[0::2, 0::2], lattice[1::2, 1::2]
    white[0::2], white[1::2] = lattice[0::2, 1::2], lattice[1::2, 0::2]
    return black, white


def _join(black, white):
    lattice = np.empty((black.shape[0], 2 * black.shape[1], black.shape[2]), dtype=np.int8)
    lattice[0::2, 0::2], lattice[1::2, 1::2] = black[0::2], black[1::2]
    lattice[0::2, 1::2], lattice[1::2, 0::2] = white[0::2], white[1::2]
    return np.ascontiguousarray(lattice.transpose(2, 0, 1))


def _neighbour_sum(other, out, even_rows_look_left):
    """Sum of the 4 neighbours, all of the other colour, in compact coordinates (row i, slot k).

    Up and down are slot k of rows i -/+ 1, and slot k of row i is one horizontal neighbour. The
    other horizontal neighbour is slot k - 1 or k + 1, depending on the row's parity and colour.
    """
    out[1:] = other[:-1]
    out[0] = other[-1]
    out[:-1] += other[1:]
    out[-1] += other[0]
    out += other
    left_rows, right_rows = (slice(0, None, 2), slice(1, None, 2)) if even_rows_look_left else \
        (slice(1, None, 2), slice(0, None, 2))
    out[left_rows, 1:] += other[left_rows, :-1]
    out[left_rows, 0] += other[left_rows, -1]
    out[right_rows, :-1] += other[right_rows, 1:]
    out[right_rows, -1] += other[right_rows, 0]


def _half_sweep(sites, other, even_rows_look_left, accept4, accept8, bit_generator, work):
    neighbours, product, flip_mask = work
    _neighbour_sum(other, neighbours, even_rows_look_left)
    np.multiply(sites, neighbours, out=product)  # dE / 2: one of -4, -2, 0, 2, 4
    # One random byte per site decides all but 1 in 256 uphill moves; the ties draw 32 more bits.
    # coarse = accept8 where dE = 8, else accept4; uint8 arithmetic wraps, so the difference works
    # in both directions (np.where with a broadcast row is several times slower).
    coarse = np.multiply((product == 4).view(np.uint8), accept8[0] - accept4[0])
    coarse += accept4[0]
    raw = bit_generator.random_raw(-(-sites.size // 8)).view(np.uint8)[:sites.size].reshape(sites.shape)
    flip = raw < coarse
    tie = raw == coarse
    tie &= product > 0
    ties = np.flatnonzero(tie)
    if ties.size:
        batch = ties % sites.shape[-1]  # the batch is the last axis
        fine = np.where(product.reshape(-1)[ties] == 4, accept8[1][batch], accept4[1][batch])
        draws = bit_generator.random_raw(-(-ties.size // 2)).view(np.uint32)[:ties.size]
        flip.reshape(-1)[ties] = draws < fine
    flip |= product <= 0  # dE <= 0: always accepted
    # +1 is 0x01 and -1 is 0xFF in int8: xor with 0xFE (= -2) flips a spin, with 0 keeps it.
    np.multiply(flip.view(np.int8), np.int8(-2), out=flip_mask)
    np.bitwise_xor(sites, flip_mask, out=sites)


def metropolis(spins, temperatures, n_sweeps, rng):
    """Run ``n_sweeps`` Metropolis sweeps on a batch of lattices and return the new lattices.

    spins: int8 array ``(B, L, L)`` of +1/-1 (L even); left unchanged.
    temperatures: a positive scalar, or shape ``(B,)``: one temperature per lattice (k_B = J = 1).
    n_sweeps: number of sweeps; one sweep is one update attempt per site.
    rng: ``numpy.random.Generator``; the same generator state gives the same result.
    """
    _check_spins(spins)
    temps = _check_temperatures(temperatures, spins.shape[0])
    if isinstance(n_sweeps, (bool, np.bool_)) or not isinstance(n_sweeps, numbers.Integral) or n_sweeps < 0:
        raise ValueError(f"n_sweeps must be a non-negative integer, got {n_sweeps!r}")
    _require_rng(rng)
    if n_sweeps == 0:
        return spins.copy()
    coarse, fine = _uphill_thresholds(temps)
    accept4, accept8 = (coarse[0], fine[0]), (coarse[1], fine[1])
    black, white = _split(spins)
    work = (np.empty_like(black), np.empty_like(black), np.empty_like(black))
    bit_generator = rng.bit_generator
    for _ in range(int(n_sweeps)):
        _half_sweep(black, white, True, accept4, accept8, bit_generator, work)
        _half_sweep(white, black, False, accept4, accept8, bit_generator, work)
    return _join(black, white)


def onsager_magnetization(temperature):
    """Onsager's spontaneous magnetization of the infinite lattice: (1 - sinh(2/T)^-4)^(1/8) below T_c, else 0."""
    t = np.asarray(temperature, dtype=float)
    inside = np.clip(1.0 - np.sinh(2.0 / t) ** -4.0, 0.0, None)
    return np.where(t < T_CRITICAL, inside ** 0.125, 0.0)

"""Data sets in the course's layout: ``X`` is ``(n_features, m)``, ``Y`` is ``(n_outputs, m)``.

Every generator takes ``rng`` (a ``numpy.random.Generator``) so a notebook and its tests see the
same data on every run.
"""
import numpy as np
from sklearn import datasets


def _require_rng(rng):
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {type(rng).__name__}")


def _seed_from(rng):
    # scikit-learn wants an int seed; drawing it from rng keeps everything on one generator.
    return int(rng.integers(2**31 - 1))


def make_moons(m, noise, rng):
    """Two interleaved half circles: ``X`` (2, m), labels ``Y`` (1, m) in {0, 1}."""
    _require_rng(rng)
    if m < 2:
        raise ValueError(f"make_moons needs at least 2 examples, got m={m}")
    X, y = datasets.make_moons(n_samples=m, noise=noise, random_state=_seed_from(rng))
    return X.T.astype(float), y.reshape(1, -1).astype(float)


def make_circles(m, noise, rng, factor=0.5):
    """A ring around a disc: ``X`` (2, m), labels ``Y`` (1, m) in {0, 1}."""
    _require_rng(rng)
    X, y = datasets.make_circles(n_samples=m, noise=noise, factor=factor, random_state=_seed_from(rng))
    return X.T.astype(float), y.reshape(1, -1).astype(float)


def make_sine(m, noise, rng, low=-np.pi, high=np.pi):
    """Noisy samples of sin(x): 1-D ``x`` and ``y`` of length m, sorted by x for plotting."""
    _require_rng(rng)
    x = np.sort(rng.uniform(low, high, size=m))
    return x, np.sin(x) + noise * rng.standard_normal(m)


def make_multi_output(m, rng, noise=0.05):
    """Three smooth targets of two inputs: ``X`` (2, m) in [-1, 1], ``Y`` (3, m).

    y1 = sin(pi x1), y2 = x1 * x2, y3 = exp(-(x1^2 + x2^2)), each with a little noise.
    """
    _require_rng(rng)
    X = rng.uniform(-1.0, 1.0, size=(2, m))
    Y = np.vstack([np.sin(np.pi * X[0]), X[0] * X[1], np.exp(-(X[0] ** 2 + X[1] ** 2))])
    return X, Y + noise * rng.standard_normal(Y.shape)


def train_test_split(X, Y, test_fraction, rng):
    """Shuffle the columns and split them: returns ``X_train, Y_train, X_test, Y_test``."""
    _require_rng(rng)
    X, Y = np.asarray(X), np.asarray(Y)
    if X.shape[-1] != Y.shape[-1]:
        raise ValueError(f"X has {X.shape[-1]} examples (columns) but Y has {Y.shape[-1]}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    m = X.shape[-1]
    shuffled = rng.permutation(m)
    n_test = max(1, int(round(test_fraction * m)))
    test, train = shuffled[:n_test], shuffled[n_test:]
    return X[..., train], Y[..., train], X[..., test], Y[..., test]


def make_linear_regression(m, rng, slope=2.0, intercept=-1.0, noise=0.5, low=-2.0, high=2.0):
    """Points around a straight line: 1-D ``x`` (uniform in [low, high]) and ``y = slope x + intercept + noise``."""
    _require_rng(rng)
    if m < 2:
        raise ValueError(f"make_linear_regression needs at least 2 examples, got m={m}")
    x = rng.uniform(low, high, size=m)
    return x, slope * x + intercept + noise * rng.standard_normal(m)


def make_two_blobs(m, rng, distance=3.0, spread=1.0):
    """Two round Gaussian clouds in the plane: ``X`` (2, m), labels ``Y`` (1, m) in {0, 1}.

    The centres sit ``distance`` apart along a diagonal; with ``distance`` well above ``spread``
    the classes are (nearly) linearly separable, closer they overlap. Half the examples (rounded
    down) are class 1, and the columns come in a random order.
    """
    _require_rng(rng)
    if m < 2:
        raise ValueError(f"make_two_blobs needs at least 2 examples, got m={m}")
    labels = np.zeros(m)
    labels[: m // 2] = 1.0
    labels = rng.permutation(labels)
    direction = np.array([[1.0], [1.0]]) / np.sqrt(2.0)
    centres = direction * (distance / 2.0) * (2.0 * labels - 1.0)
    X = centres + spread * rng.standard_normal((2, m))
    return X, labels.reshape(1, -1)

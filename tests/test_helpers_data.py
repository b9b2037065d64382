import numpy as np
import pytest

from helpers import data


def test_make_moons_layout_and_determinism():
    X, Y = data.make_moons(50, 0.1, np.random.default_rng(0))
    assert X.shape == (2, 50) and Y.shape == (1, 50) and X.dtype == np.float64
    assert set(np.unique(Y)) == {0.0, 1.0}
    X2, _ = data.make_moons(50, 0.1, np.random.default_rng(0))
    X3, _ = data.make_moons(50, 0.1, np.random.default_rng(1))
    assert np.array_equal(X, X2) and not np.array_equal(X, X3)


def test_make_circles_and_sine_and_multi_output():
    X, Y = data.make_circles(40, 0.05, np.random.default_rng(0))
    assert X.shape == (2, 40) and Y.shape == (1, 40)
    x, y = data.make_sine(30, 0.0, np.random.default_rng(0))
    assert x.shape == y.shape == (30,) and np.all(np.diff(x) >= 0) and np.allclose(y, np.sin(x))
    X, Y = data.make_multi_output(25, np.random.default_rng(0), noise=0.0)
    assert X.shape == (2, 25) and Y.shape == (3, 25)
    assert np.allclose(Y[1], X[0] * X[1])


def test_train_test_split_partitions_columns():
    X = np.arange(20.0).reshape(2, 10)
    Y = np.arange(10.0).reshape(1, 10)
    Xtr, Ytr, Xte, Yte = data.train_test_split(X, Y, 0.3, np.random.default_rng(0))
    assert Xte.shape == (2, 3) and Xtr.shape == (2, 7)
    assert sorted(np.concatenate([Ytr.ravel(), Yte.ravel()])) == list(range(10))
    assert np.array_equal(Xtr[1] - Xtr[0], np.full(7, 10.0)) and np.array_equal(Xtr[0], Ytr[0])  # columns stay paired


def test_clear_errors():
    with pytest.raises(TypeError, match="default_rng"):
        data.make_moons(10, 0.1, 0)
    with pytest.raises(ValueError, match="examples"):
        data.train_test_split(np.zeros((2, 5)), np.zeros((1, 4)), 0.2, np.random.default_rng(0))
    with pytest.raises(ValueError, match="test_fraction"):
        data.train_test_split(np.zeros((2, 5)), np.zeros((1, 5)), 1.5, np.random.default_rng(0))


def test_make_linear_regression_follows_its_line():
    rng = np.random.default_rng(0)
    x, y = data.make_linear_regression(200, rng, slope=3.0, intercept=0.5, noise=0.0, low=-1.0, high=1.0)
    assert x.shape == y.shape == (200,) and x.dtype == np.float64
    assert np.all((x >= -1.0) & (x <= 1.0)) and np.allclose(y, 3.0 * x + 0.5)
    x2, y2 = data.make_linear_regression(200, np.random.default_rng(0), slope=3.0, intercept=0.5, noise=0.0,
                                         low=-1.0, high=1.0)
    assert np.array_equal(x, x2)
    x, y = data.make_linear_regression(2000, np.random.default_rng(1), noise=0.5)
    assert np.std(y - (2.0 * x - 1.0)) == pytest.approx(0.5, rel=0.1)
    with pytest.raises(ValueError):
        data.make_linear_regression(1, rng)
    with pytest.raises(TypeError):
        data.make_linear_regression(10, 0)


def test_make_two_blobs_balanced_and_separated():
    X, Y = data.make_two_blobs(101, np.random.default_rng(0), distance=6.0, spread=0.5)
    assert X.shape == (2, 101) and Y.shape == (1, 101)
    assert set(np.unique(Y)) == {0.0, 1.0} and Y.sum() == 50
    # Far apart, thin clouds: the diagonal x1 + x2 = 0 separates the two classes.
    side = (X[0] + X[1] > 0).astype(float)
    assert np.array_equal(side, Y[0])
    assert not np.all(Y[0, :50] == 1.0)  # shuffled, not sorted by class
    with pytest.raises(TypeError):
        data.make_two_blobs(10, None)

"""helpers.depth_plots draws what it is given, on a log scale, and refuses what it cannot draw."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.depth_plots import plot_activation_histograms, plot_layer_norms  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_layer_norms_one_bar_per_layer_on_a_log_scale():
    norms = np.array([1e-6, 1e-4, 1e-2, 1.0])
    ax = plot_layer_norms(norms)
    assert ax.get_yscale() == "log"
    heights = sorted(p.get_height() for p in ax.patches)
    assert np.allclose(heights, norms)
    assert [p.get_x() + p.get_width() / 2 for p in sorted(ax.patches, key=lambda p: p.get_x())] == \
        pytest.approx([1, 2, 3, 4])



def test_minor_ticks_only_over_a_narrow_range():
    wide = plot_layer_norms([1e-5, 1e-2, 1.0])
    narrow = plot_layer_norms([0.2, 0.5, 0.9])
    for ax in (wide, narrow):
        ax.figure.canvas.draw()
    assert not wide.yaxis.get_minorticklocs().size, "over five decades only the powers of ten get ticks"
    assert narrow.yaxis.get_minorticklocs().size, "within a decade or two the minor ticks are the only guide"

def test_grouped_series_and_bound_curve():
    norms = {"sigmoid": [1e-5, 1e-3, 1.0], "relu": [0.5, 0.7, 1.0]}
    bound = 0.25 ** np.arange(3)[::-1]
    ax = plot_layer_norms(norms, bound={"σ' ≤ 1/4": bound}, title="t")
    assert len(ax.patches) == 6
    line = ax.get_lines()[0]
    assert np.allclose(line.get_ydata(), bound)
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"sigmoid", "relu", "σ' ≤ 1/4"}
    assert ax.get_title() == "t"


def test_zero_norm_is_marked_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_layer_norms([0.0, 1e-3, 1.0])
        ax.figure.canvas.draw()
    assert len(ax.patches) == 2
    assert any(t.get_text() == "0" for t in ax.texts)


@pytest.mark.parametrize("norms, message", [
    ([1.0, np.nan], "NaN or infinity"),
    ([1.0, -2.0], "negative"),
    ([[1.0, 2.0]], "1-D"),
    ({}, "empty"),
    ({"a": [1.0, 2.0], "b": [1.0]}, "same number of layers"),
])
def test_bad_norms_get_a_clear_error(norms, message):
    with pytest.raises(ValueError, match=message):
        plot_layer_norms(norms)


def test_bound_must_match_the_layers():
    with pytest.raises(ValueError, match="3 layers"):
        plot_layer_norms([1.0, 2.0, 3.0], bound=[1.0, 0.25])


def test_draws_on_a_given_axis():
    fig, ax = plt.subplots()
    assert plot_layer_norms([1.0, 2.0], ax=ax) is ax


def test_activation_histograms_one_panel_per_layer():
    rng = np.random.default_rng(0)
    acts = [rng.standard_normal((8, 50)) * s for s in (1.0, 0.5, 0.1)]
    axes = plot_activation_histograms(acts, value_range=(-3, 3), title="spread")
    assert len(axes) == 3
    for ax in axes:
        fractions, _, _ = ax.patches[0].get_data()
        assert fractions.sum() == pytest.approx(1.0)  # fractions, whatever the width
    assert [ax.get_title() for ax in axes] == ["layer 1", "layer 2", "layer 3"]


def test_activation_histograms_constant_layer_and_labels():
    axes = plot_activation_histograms([np.zeros((4, 5)), np.ones((4, 5))], labels=["a", "b"])
    assert [ax.get_title() for ax in axes] == ["a", "b"]


def test_values_outside_the_range_land_in_the_edge_bins():
    axes = plot_activation_histograms([np.array([-5.0, 0.0, 5.0])], bins=4, value_range=(-1, 1))
    fractions, _, _ = axes[0].patches[0].get_data()
    assert fractions[0] == pytest.approx(1 / 3) and fractions[-1] == pytest.approx(1 / 3)


@pytest.mark.parametrize("acts, message", [
    ([], "non-empty list"),
    (np.ones((3, 4)), "non-empty list"),
    ([np.array([1.0, np.inf])], "layer 1"),
    ({}, "empty dict"),
    ({"a": [np.ones(3)], "b": [np.ones(3), np.ones(3)]}, "same number of layers"),
])
def test_activation_histograms_bad_input(acts, message):
    with pytest.raises(ValueError, match=message):
        plot_activation_histograms(acts)


def test_activation_histograms_label_count():
    with pytest.raises(ValueError, match="2 labels for 1 layers"):
        plot_activation_histograms([np.ones(3)], labels=["a", "b"])


def test_activation_histograms_one_row_per_entry_of_a_dict():
    rng = np.random.default_rng(1)
    rows = {"small": [0.01 * rng.standard_normal(20) for _ in range(4)],
            "Xavier": [rng.standard_normal(20) for _ in range(4)]}
    axes = plot_activation_histograms(rows, value_range=(-1, 1), title="compare")
    assert axes.shape == (2, 4)
    assert axes[0, 0].get_ylabel().startswith("small") and axes[1, 0].get_ylabel().startswith("Xavier")
    assert axes[0, 0].figure._suptitle.get_text() == "compare"


def test_activation_histograms_on_given_axes():
    fig, axes = plt.subplots(1, 3)
    got = plot_activation_histograms([np.ones(3)] * 3, axes=axes)
    assert list(got) == list(axes)
    with pytest.raises(ValueError, match="3 axes for 1 row"):
        plot_activation_histograms([np.ones(3)] * 2, axes=axes)

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from utils.plots import plot_codes_2d, plot_history, show_reconstructions  # noqa: E402

RNG = np.random.default_rng(0)


def test_show_reconstructions_grid():
    images = RNG.random((12, 28, 28))
    fig = show_reconstructions(images, images * 0.5, n=6, extra_rows=[(images, "PCA")])
    assert len(fig.axes) == 3 * 6 and fig.dpi == 100
    plt.close(fig)
    fig = show_reconstructions(images.reshape(12, 784), images.reshape(12, 784), n=4)
    assert len(fig.axes) == 8
    plt.close(fig)


def test_show_reconstructions_checks_arguments():
    images = RNG.random((3, 28, 28))
    with pytest.raises(ValueError, match="got 5"):
        show_reconstructions(images, images, n=5)
    with pytest.raises(ValueError, match="783"):
        show_reconstructions(RNG.random((3, 783)), images, n=2)


def test_plot_history_accepts_history_dicts_and_named_runs():
    logs = {"loss": [3.0, 2.0, 1.0], "val_loss": [3.5, 2.5, 2.0]}
    fig = plot_history({"small": logs, "large": logs})
    assert len(fig.axes[0].lines) == 4
    plt.close(fig)
    with pytest.raises(ValueError, match="mae"):
        plot_history(logs, metric="mae")


def test_plot_codes_2d():
    codes, labels = RNG.normal(size=(100, 2)), RNG.integers(0, 3, 100)
    fig = plot_codes_2d(codes, labels, class_names=["a", "b", "c"])
    assert len(fig.axes[0].collections) == 3
    plt.close(fig)
    with pytest.raises(ValueError, match=r"\(100, 3\)"):
        plot_codes_2d(RNG.normal(size=(100, 3)), labels)
    with pytest.raises(ValueError, match="99"):
        plot_codes_2d(codes, labels[:99])

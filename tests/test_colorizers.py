import numpy as np
import pytest

from utils.colorizers import ab_bin_centres, colourfulness, quantize_ab, rebalancing_weights, unet_colorizer
from utils.course.backend import load_keras

keras = load_keras()


@pytest.mark.parametrize("skips", [True, False])
def test_unet_colorizer_predicts_at_half_resolution(skips):
    model = unet_colorizer(outputs=5, widths=(4, 8, 16), skips=skips)
    outputs = keras.ops.convert_to_numpy(model(np.zeros((2, 32, 48, 1), dtype="float32")))
    assert outputs.shape == (2, 16, 24, 5)
    assert any(layer.name.startswith("skip_") for layer in model.layers) == skips


def test_unet_skips_add_parameters_and_the_model_round_trips(tmp_path):
    with_skips, without = unet_colorizer(2, widths=(4, 8)), unet_colorizer(2, widths=(4, 8), skips=False)
    assert with_skips.count_params() > without.count_params()
    path = tmp_path / "unet.keras"
    with_skips.save(path)
    loaded = keras.saving.load_model(path)
    inputs = np.random.default_rng(0).random((1, 16, 16, 1)).astype("float32")
    assert np.allclose(keras.ops.convert_to_numpy(loaded(inputs)), keras.ops.convert_to_numpy(with_skips(inputs)))


@pytest.mark.parametrize("kwargs, match", [
    ({"outputs": 0}, "outputs"), ({"widths": (8,)}, "widths"), ({"widths": ()}, "widths"),
    ({"skips": "yes"}, "skips"), ({"activation": "nope"}, "activation"),
])
def test_unet_colorizer_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        unet_colorizer(**kwargs)


def test_bins_and_quantization():
    ab = np.array([[1.0, 2.0], [3.0, 9.0], [-12.0, 25.0], [55.0, -31.0], [-12.0, 21.0]])
    centres = ab_bin_centres(ab, step=10)
    assert centres.tolist() == [[-15.0, 25.0], [5.0, 5.0], [55.0, -35.0]]
    assert quantize_ab(ab, centres).tolist() == [1, 1, 0, 2, 0]
    assert ab_bin_centres(ab, step=10, min_count=2).tolist() == [[-15.0, 25.0], [5.0, 5.0]]
    # a pixel in an unoccupied cell goes to the nearest kept centre; shapes are kept
    assert quantize_ab(np.array([[[40.0, -40.0]]]), centres).tolist() == [[2]]
    with pytest.raises(ValueError, match="ab"):
        quantize_ab(np.zeros((3, 3)), centres)
    with pytest.raises(ValueError, match="min_count"):
        ab_bin_centres(ab, min_count=10)


def test_rebalancing_weights():
    centres = np.array([[0.0, 0.0], [50.0, 0.0], [0.0, 50.0]])
    classes = np.array([0] * 8 + [1] * 1 + [2] * 1)
    weights, prior = rebalancing_weights(classes, centres, lam=0.5, sigma=0.0)
    assert np.allclose(prior, [0.8, 0.1, 0.1])
    expected = 1 / (0.5 * prior + 0.5 / 3)
    assert np.allclose(weights, expected / (prior * expected).sum())
    assert np.isclose(prior @ weights, 1.0)
    assert weights[0] < weights[1] == weights[2]
    uniform, _ = rebalancing_weights(classes, centres, lam=1.0)
    assert np.allclose(uniform, 1.0)
    smoothed, smoothed_prior = rebalancing_weights(classes, centres, lam=0.5, sigma=30.0)
    assert smoothed_prior[0] < 0.8 and np.isclose(smoothed_prior.sum(), 1.0)
    with pytest.raises(ValueError, match="classes"):
        rebalancing_weights(np.array([0, 3]), centres)
    with pytest.raises(ValueError, match="lam"):
        rebalancing_weights(classes, centres, lam=1.5)


def test_colourfulness():
    gray = np.full((8, 8, 3), 0.4)
    assert colourfulness(gray) == 0.0
    red = np.zeros((4, 4, 3), dtype=np.uint8)
    red[..., 0] = 255
    # rg = 255, yb = 127.5 everywhere: no spread, M = 0.3 * sqrt(255² + 127.5²)
    assert np.isclose(colourfulness(red), 0.3 * np.hypot(255, 127.5))
    assert np.isclose(colourfulness(red / 255.0), colourfulness(red))
    with pytest.raises(ValueError, match="rgb"):
        colourfulness(np.zeros((4, 4)))

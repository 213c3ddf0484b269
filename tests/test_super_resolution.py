import keras
import numpy as np
import pytest

from utils import photos
from utils.super_resolution import (
    PixelShuffle,
    aligned_patches,
    degrade,
    residual_subpixel_networks,
    srcnn,
    super_resolve,
)


def test_pixel_shuffle_matches_tensorflow_depth_to_space():
    import tensorflow as tf

    features = np.random.default_rng(0).normal(size=(2, 3, 5, 18)).astype("float32")
    np.testing.assert_array_equal(np.asarray(PixelShuffle(3)(features)), tf.nn.depth_to_space(features, 3).numpy())


def test_pixel_shuffle_checks_its_arguments():
    with pytest.raises(ValueError, match="1"):
        PixelShuffle(1)
    with pytest.raises(ValueError, match="divisible by 4"):
        PixelShuffle(2)(np.zeros((1, 2, 2, 6), "float32"))


def test_pixel_shuffle_round_trips_through_keras_saving(tmp_path):
    inputs = keras.Input((None, None, 8))
    model = keras.Model(inputs, PixelShuffle(2)(inputs))
    model.save(tmp_path / "shuffle.keras")
    loaded = keras.saving.load_model(tmp_path / "shuffle.keras")
    features = np.random.default_rng(1).normal(size=(1, 3, 4, 8)).astype("float32")
    np.testing.assert_array_equal(np.asarray(loaded(features)), np.asarray(model(features)))
    assert loaded.layers[-1].get_config()["scale"] == 2


def test_degrade_is_the_quantized_bicubic_protocol():
    y = np.random.default_rng(2).integers(16, 236, size=(12, 18)).astype(np.float64)
    low, upscaled = degrade(y, 3)
    assert low.shape == (4, 6) and upscaled.shape == (12, 18)
    np.testing.assert_array_equal(low, photos.bicubic(y, (6, 4), quantize=True))
    np.testing.assert_allclose(upscaled, photos.bicubic(low, (18, 12)))
    with pytest.raises(ValueError, match="multiples"):
        degrade(y[:11], 3)


def test_aligned_patches_cut_the_same_place_at_both_resolutions():
    y = np.arange(24 * 30, dtype=np.float64).reshape(24, 30) % 255
    low = y[::3, ::3].copy()
    upscaled = y + 0.5
    lows, upscaleds, highs = aligned_patches([(y, low, upscaled)], 3, 4, 20, np.random.default_rng(3))
    assert lows.shape == (20, 4, 4, 1) and highs.shape == (20, 12, 12, 1) and lows.dtype == np.float32
    np.testing.assert_allclose(upscaleds - highs, 0.5 / 255, atol=1e-6)
    unaugmented = aligned_patches([(y, low, upscaled)], 3, 4, 20, np.random.default_rng(3), augment=False)
    np.testing.assert_allclose(unaugmented[2][:, ::3, ::3], unaugmented[0], atol=1e-6)
    with pytest.raises(ValueError, match="low_size"):
        aligned_patches([(y, low, upscaled)], 3, 20, 1, np.random.default_rng(0))


def test_networks_keep_sizes_and_share_one_body():
    networks = residual_subpixel_networks(scales=(2, 3), filters=8, blocks=1)
    shared = {id(w) for w in networks[2].weights} & {id(w) for w in networks[3].weights}
    assert len(shared) == 2 * 4  # head, two block convolutions, body end: kernel and bias each
    low = np.random.default_rng(4).random((9, 7)) * 255
    _, upscaled = degrade(np.zeros((27, 21)), 3)
    estimate = super_resolve(networks[3], low, upscaled + 100)
    assert estimate.shape == (27, 21) and np.all(estimate == np.round(estimate))
    assert srcnn().count_params() == 9 * 9 * 64 + 64 + 5 * 5 * 64 * 32 + 32 + 5 * 5 * 32 + 1
    assert super_resolve(srcnn(), None, upscaled).shape == (27, 21)
    with pytest.raises(ValueError, match="distinct"):
        residual_subpixel_networks(scales=(2, 2))


def test_self_ensemble_averages_the_eight_views_before_rounding():
    keras.utils.set_random_seed(0)
    networks = residual_subpixel_networks(scales=(3,), filters=8, blocks=1)
    last = networks[3].get_layer("to_subpixels_x3")
    last.set_weights([np.random.default_rng(5).normal(0, 0.05, w.shape) for w in last.get_weights()])
    low = np.random.default_rng(6).random((5, 4)) * 255
    upscaled = np.random.default_rng(7).random((15, 12)) * 255
    total = np.zeros((15, 12))
    for turns in range(4):
        for mirrored in (False, True):
            def turn(image, turns=turns, mirrored=mirrored):
                return np.rot90(image[:, ::-1] if mirrored else image, turns).astype(np.float32)[None, ..., None] / 255
            estimate = np.rot90(keras.ops.convert_to_numpy(networks[3]([turn(low), turn(upscaled)]))[0, ..., 0], -turns)
            total += (estimate[:, ::-1] if mirrored else estimate) * 255
    expected = np.clip(np.round(total / 8), 0, 255)
    averaged = super_resolve(networks[3], low, upscaled, self_ensemble=True)
    assert np.mean(averaged == expected) > 0.98 and np.abs(averaged - expected).max() <= 1
    assert np.abs(averaged - super_resolve(networks[3], low, upscaled)).max() >= 1   # the views do differ
    with pytest.raises(ValueError, match="yes"):
        super_resolve(networks[3], low, upscaled, self_ensemble="yes")

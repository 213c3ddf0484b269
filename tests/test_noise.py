import numpy as np
import pytest

from utils.course.backend import load_keras
from utils.noise import (
    ClippedGaussianNoise,
    MaskingNoise,
    SaltAndPepperNoise,
    add_gaussian_noise,
    add_masking_noise,
    add_salt_and_pepper_noise,
)

keras = load_keras()

GREY = np.full((64, 28, 28), 0.5, dtype="float32")  # mid-grey: clipping at 0.5 ± 0.1 noise almost never happens
RANDOM_IMAGES = np.random.default_rng(0).random((64, 28, 28)).astype("float32")
LAYERS = (
    lambda: ClippedGaussianNoise(0.3, seed=1),
    lambda: SaltAndPepperNoise(0.2, seed=1),
    lambda: MaskingNoise(0.3, seed=1),
)


def as_numpy(tensor):
    return keras.ops.convert_to_numpy(tensor)


@pytest.mark.parametrize("make_layer", LAYERS)
def test_layers_are_the_identity_at_inference(make_layer):
    layer = make_layer()
    np.testing.assert_array_equal(as_numpy(layer(RANDOM_IMAGES)), RANDOM_IMAGES)
    np.testing.assert_array_equal(as_numpy(layer(RANDOM_IMAGES, training=False)), RANDOM_IMAGES)
    model = keras.Sequential([keras.Input((28, 28)), layer])
    np.testing.assert_array_equal(model.predict(RANDOM_IMAGES, verbose=0), RANDOM_IMAGES)


def test_gaussian_layer_noise_has_the_requested_std_and_zero_mean():
    noisy = as_numpy(ClippedGaussianNoise(0.1, seed=3)(GREY, training=True))
    noise = noisy - GREY
    assert abs(noise.mean()) < 0.002
    assert abs(noise.std() - 0.1) < 0.002


def test_gaussian_layer_clips_and_can_leave_values_unclipped():
    noisy = as_numpy(ClippedGaussianNoise(0.5, seed=0)(RANDOM_IMAGES, training=True))
    assert noisy.min() == 0.0 and noisy.max() == 1.0  # 0.5 noise pushes many pixels past the bounds
    unclipped = as_numpy(ClippedGaussianNoise(0.5, clip=None, seed=0)(RANDOM_IMAGES, training=True))
    assert unclipped.min() < -0.5 and unclipped.max() > 1.5


def test_layer_draws_fresh_noise_on_every_call():
    layer = ClippedGaussianNoise(0.2, seed=0)
    first, second = (as_numpy(layer(GREY, training=True)) for _ in range(2))
    assert not np.array_equal(first, second)


def test_salt_and_pepper_layer_rate_and_balance():
    noisy = as_numpy(SaltAndPepperNoise(0.2, seed=2)(GREY, training=True))
    salt, pepper, kept = np.mean(noisy == 1.0), np.mean(noisy == 0.0), np.mean(noisy == 0.5)
    assert abs(salt + pepper - 0.2) < 0.01
    assert abs(salt - pepper) < 0.01
    assert abs(kept - 0.8) < 0.01


def test_masking_layer_rate_and_kept_values():
    noisy = as_numpy(MaskingNoise(0.3, seed=2)(GREY, training=True))
    assert abs(np.mean(noisy == 0.0) - 0.3) < 0.01
    assert set(np.unique(noisy)) <= {0.0, 0.5}  # no rescaling of kept pixels, unlike Dropout


def test_rate_zero_and_one():
    assert np.array_equal(as_numpy(MaskingNoise(0.0, seed=0)(GREY, training=True)), GREY)
    assert np.all(as_numpy(MaskingNoise(1.0, seed=0)(GREY, training=True)) == 0.0)
    all_corrupted = as_numpy(SaltAndPepperNoise(1.0, seed=0)(GREY, training=True))
    assert set(np.unique(all_corrupted)) == {0.0, 1.0}


@pytest.mark.parametrize("layer", [
    ClippedGaussianNoise(0.25, clip=(-1.0, 2.0), seed=7, name="gauss"),
    ClippedGaussianNoise(0.25, clip=None),
    SaltAndPepperNoise(0.1, low=-1.0, high=2.0, seed=7),
    MaskingNoise(0.4, value=0.5, seed=7),
])
def test_config_round_trip(layer):
    config = layer.get_config()
    clone = type(layer).from_config(config)
    assert clone.get_config() == config
    restored = keras.layers.deserialize(keras.layers.serialize(layer))
    assert type(restored) is type(layer) and restored.get_config() == config


def test_model_with_a_noise_layer_saves_and_loads(tmp_path):
    model = keras.Sequential([keras.Input((4,)), SaltAndPepperNoise(0.3, seed=1), keras.layers.Dense(2)])
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    assert loaded.layers[0].rate == 0.3
    values = np.ones((3, 4), dtype="float32")
    np.testing.assert_allclose(loaded.predict(values, verbose=0), model.predict(values, verbose=0), rtol=1e-6)


@pytest.mark.parametrize("make, shown", [
    (lambda: ClippedGaussianNoise(-0.1), "-0.1"),
    (lambda: ClippedGaussianNoise("0.5"), "'0.5'"),
    (lambda: ClippedGaussianNoise(float("nan")), "nan"),
    (lambda: ClippedGaussianNoise(0.5, clip=(1.0, 0.0)), "(1.0, 0.0)"),
    (lambda: ClippedGaussianNoise(0.5, clip=1.0), "clip must be None or a pair"),
    (lambda: SaltAndPepperNoise(1.5), "1.5"),
    (lambda: SaltAndPepperNoise(True), "True"),
    (lambda: MaskingNoise(-0.2), "-0.2"),
    (lambda: MaskingNoise(0.2, seed=-3), "-3"),
    (lambda: MaskingNoise(0.2, seed=1.5), "1.5"),
])
def test_layer_argument_checks_name_the_bad_value(make, shown):
    with pytest.raises(ValueError) as caught:
        make()
    assert shown in str(caught.value)


def test_numpy_gaussian_noise_statistics_and_clipping():
    noisy = add_gaussian_noise(GREY, 0.1, rng=np.random.default_rng(0))
    assert noisy.dtype == np.float32 and noisy.shape == GREY.shape
    assert abs((noisy - GREY).std() - 0.1) < 0.002 and abs((noisy - GREY).mean()) < 0.002
    heavy = add_gaussian_noise(RANDOM_IMAGES, 0.5, rng=0)
    assert heavy.min() == 0.0 and heavy.max() == 1.0
    assert add_gaussian_noise(RANDOM_IMAGES, 0.5, rng=0, clip=None).min() < -0.5


def test_numpy_noise_is_reproducible_from_a_seed():
    for corrupt, level in ((add_gaussian_noise, 0.3), (add_salt_and_pepper_noise, 0.2), (add_masking_noise, 0.3)):
        first = corrupt(RANDOM_IMAGES, level, rng=np.random.default_rng(5))
        again = corrupt(RANDOM_IMAGES, level, rng=np.random.default_rng(5))
        other = corrupt(RANDOM_IMAGES, level, rng=np.random.default_rng(6))
        assert np.array_equal(first, again) and not np.array_equal(first, other)


def test_numpy_salt_and_pepper_and_masking_rates():
    noisy = add_salt_and_pepper_noise(GREY, 0.2, rng=1)
    salt, pepper = np.mean(noisy == 1.0), np.mean(noisy == 0.0)
    assert abs(salt + pepper - 0.2) < 0.01 and abs(salt - pepper) < 0.01
    masked = add_masking_noise(GREY, 0.3, rng=1)
    assert abs(np.mean(masked == 0.0) - 0.3) < 0.01
    assert set(np.unique(masked)) <= {0.0, 0.5}


def test_numpy_noise_does_not_change_its_input_and_works_on_rgb():
    rgb = np.random.default_rng(1).random((2, 8, 8, 3))
    before = rgb.copy()
    for corrupt, level in ((add_gaussian_noise, 0.3), (add_salt_and_pepper_noise, 0.2), (add_masking_noise, 0.3)):
        assert corrupt(rgb, level, rng=0).shape == rgb.shape
    np.testing.assert_array_equal(rgb, before)


def test_numpy_and_layer_noise_agree_in_distribution():
    layer_noise = as_numpy(ClippedGaussianNoise(0.5, seed=4)(RANDOM_IMAGES, training=True)) - RANDOM_IMAGES
    numpy_noise = add_gaussian_noise(RANDOM_IMAGES, 0.5, rng=4) - RANDOM_IMAGES
    assert abs(layer_noise.std() - numpy_noise.std()) < 0.01
    assert abs(layer_noise.mean() - numpy_noise.mean()) < 0.01


@pytest.mark.parametrize("call, shown", [
    (lambda: add_gaussian_noise((RANDOM_IMAGES * 255).astype("uint8"), 0.5, rng=0), "uint8"),
    (lambda: add_gaussian_noise(RANDOM_IMAGES, -1, rng=0), "-1"),
    (lambda: add_gaussian_noise(RANDOM_IMAGES, 0.5, rng="seed"), "'seed'"),
    (lambda: add_salt_and_pepper_noise(RANDOM_IMAGES, 2, rng=0), "2"),
    (lambda: add_salt_and_pepper_noise(RANDOM_IMAGES, 0.1, rng=0, high="white"), "'white'"),
    (lambda: add_masking_noise(RANDOM_IMAGES, -0.5, rng=0), "-0.5"),
])
def test_numpy_argument_checks_name_the_bad_value(call, shown):
    with pytest.raises(ValueError) as caught:
        call()
    assert shown in str(caught.value)

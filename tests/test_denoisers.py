import numpy as np
import pytest

from utils.course.backend import load_keras
from utils.denoisers import denoise, receptive_field, residual_denoiser

keras = load_keras()


def test_receptive_field_grows_by_kernel_minus_one_per_layer():
    assert receptive_field(1) == 3
    assert receptive_field(10) == 21
    assert receptive_field(17) == 35          # DnCNN's 17 layers see 35×35
    assert receptive_field(4, kernel_size=5) == 17


@pytest.mark.parametrize("kwargs", [{"depth": 0}, {"depth": 1}, {"depth": 2.5}, {"channels": 0},
                                    {"kernel_size": 4}, {"kernel_size": -3}])
def test_bad_arguments_raise_with_the_value(kwargs):
    with pytest.raises(ValueError, match=str(next(iter(kwargs.values())))):
        residual_denoiser(**kwargs)


def test_runs_on_any_size_and_predicts_the_noise():
    keras.utils.set_random_seed(0)
    model = residual_denoiser(depth=3, channels=4)
    for shape in ((7, 9), (12, 5, 1)):
        noisy = np.random.default_rng(0).random(shape).astype(np.float32)
        assert denoise(model, noisy).shape == shape
    noise_layer = model.get_layer("predicted_noise")
    noise_layer.set_weights([np.zeros_like(w) for w in noise_layer.get_weights()])
    noisy = np.random.default_rng(1).random((6, 8)).astype(np.float32)
    np.testing.assert_allclose(denoise(model, noisy), noisy, atol=1e-7)   # no predicted noise: the input comes back


def test_denoise_rejects_colour_photos():
    with pytest.raises(ValueError, match="3"):
        denoise(residual_denoiser(depth=2, channels=2), np.zeros((4, 4, 3)))


def test_self_ensemble_averages_the_eight_turned_and_mirrored_views():
    keras.utils.set_random_seed(0)
    model = residual_denoiser(depth=3, channels=4)
    noisy = np.random.default_rng(3).random((7, 10)).astype(np.float32)
    expected = np.zeros_like(noisy)
    for turns in range(4):
        for view in (noisy, noisy[:, ::-1]):
            output = keras.ops.convert_to_numpy(model(np.rot90(view, turns).copy()[None, ..., None]))[0, ..., 0]
            output = np.rot90(output, -turns)
            expected += (output if view is noisy else output[:, ::-1]) / 8
    averaged = denoise(model, noisy, self_ensemble=True)
    np.testing.assert_allclose(averaged, expected, atol=1e-5)
    assert averaged.shape == noisy.shape
    # a model that is not symmetric gives a different answer with and without the ensemble
    assert np.abs(averaged - denoise(model, noisy)).max() > 1e-4
    # a model whose output is its input is unchanged by turning and mirroring
    identity = keras.Sequential([keras.Input((None, None, 1)), keras.layers.Identity()])
    np.testing.assert_allclose(denoise(identity, noisy, self_ensemble=True), noisy, atol=1e-7)


def test_self_ensemble_must_be_a_boolean():
    with pytest.raises(ValueError, match="8"):
        denoise(residual_denoiser(depth=2, channels=2), np.zeros((4, 4)), self_ensemble=8)


def test_last_layer_stays_float32_under_a_mixed_policy():
    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    try:
        model = residual_denoiser(depth=3, channels=4)
    finally:
        keras.mixed_precision.set_global_policy("float32")
    assert model.get_layer("conv_1").compute_dtype == "bfloat16"
    assert model.get_layer("predicted_noise").compute_dtype == "float32"
    assert keras.ops.convert_to_numpy(model(np.zeros((1, 6, 6, 1), np.float32))).dtype == np.float32


def test_round_trips_through_keras_saving(tmp_path):
    keras.utils.set_random_seed(0)
    model = residual_denoiser(depth=3, channels=4)
    path = tmp_path / "denoiser.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    noisy = np.random.default_rng(2).random((1, 10, 11, 1)).astype(np.float32)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(loaded(noisy)), keras.ops.convert_to_numpy(model(noisy)),
                               atol=1e-6)

import numpy as np
import pytest

from utils.course.backend import load_keras
from utils.regularizers import KLSparsity, L1Activity, layer_divides_activity_loss_by_batch

keras = load_keras()
ops = keras.ops


def kl_reference(activations, rho, beta, eps=1e-6):
    rho_hat = np.clip(np.asarray(activations, dtype=np.float64).reshape(-1, activations.shape[-1]).mean(axis=0),
                      eps, 1 - eps)
    return beta * np.sum(rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat)))


def as_float(tensor):
    return float(ops.convert_to_numpy(tensor))


@pytest.fixture
def activations():
    return np.random.default_rng(0).uniform(0.01, 0.3, size=(32, 10)).astype("float32")


def test_kl_penalty_matches_numpy_reference(activations):
    regularizer = KLSparsity(rho=0.05, beta=3.0)
    assert as_float(regularizer.penalty(activations)) == pytest.approx(kl_reference(activations, 0.05, 3.0), rel=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(regularizer.mean_activations(activations)),
                               activations.mean(axis=0), rtol=1e-6)


def test_kl_penalty_averages_feature_maps_over_positions():
    feature_maps = np.random.default_rng(1).uniform(0.0, 1.0, size=(4, 5, 5, 3)).astype("float32")
    regularizer = KLSparsity(rho=0.1, beta=1.0)
    assert as_float(regularizer.penalty(feature_maps)) == pytest.approx(kl_reference(feature_maps, 0.1, 1.0), rel=1e-5)


def test_kl_penalty_is_zero_when_every_unit_is_at_the_target_rate():
    on_target = np.full((16, 7), 0.05, dtype="float32")
    assert abs(as_float(KLSparsity(rho=0.05, beta=10.0).penalty(on_target))) < 1e-5
    rate_per_unit = np.zeros((20, 3), dtype="float32")
    rate_per_unit[:1] = 1.0  # each unit fires on 1 of 20 examples: mean 0.05, yet no single value equals 0.05
    assert abs(as_float(KLSparsity(rho=0.05, beta=10.0).penalty(rate_per_unit))) < 1e-5


def test_kl_penalty_is_finite_for_silent_and_saturated_units():
    silent_and_saturated = np.concatenate([np.zeros((8, 2)), np.ones((8, 2))], axis=1).astype("float32")
    value = as_float(KLSparsity(rho=0.05, beta=1.0).penalty(silent_and_saturated))
    assert np.isfinite(value) and value == pytest.approx(kl_reference(silent_and_saturated, 0.05, 1.0), rel=1e-3)


def test_l1_penalty_is_l1_weight_times_mean_per_example_sum(activations):
    expected = 0.01 * np.abs(activations).sum() / len(activations)
    assert as_float(L1Activity(0.01).penalty(activations)) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize("batch_size", [1, 8, 64])
def test_dense_layer_records_exactly_the_penalty_whatever_the_batch_size(batch_size):
    inputs = np.random.default_rng(batch_size).normal(size=(batch_size, 6)).astype("float32")
    for regularizer in (KLSparsity(rho=0.05, beta=3.0), L1Activity(0.01)):
        layer = keras.layers.Dense(10, activation="sigmoid", activity_regularizer=regularizer)
        outputs = ops.convert_to_numpy(layer(inputs))
        assert len(layer.losses) == 1
        expected = as_float(regularizer.penalty(outputs))
        assert as_float(layer.losses[0]) == pytest.approx(expected, rel=1e-5)
        if isinstance(regularizer, KLSparsity):
            assert expected == pytest.approx(kl_reference(outputs, 0.05, 3.0), rel=1e-4)


def test_the_scaling_probe_agrees_with_keras_own_l1():
    inputs = np.ones((8, 3), dtype="float32")
    layer = keras.layers.Dense(2, kernel_initializer="ones", activity_regularizer=keras.regularizers.L1(0.5))
    layer(inputs)
    summed = 0.5 * 8 * 2 * 3.0  # l1 * sum |outputs|: 8 examples, 2 units, each output 3
    expected = summed / 8 if layer_divides_activity_loss_by_batch() else summed
    assert as_float(layer.losses[0]) == pytest.approx(expected)
    assert as_float(L1Activity(0.5).penalty(ops.convert_to_numpy(layer(inputs)))) == pytest.approx(summed / 8)


def test_the_probe_matches_the_keras_release_that_changed_the_scaling():
    major_minor = tuple(int(part) for part in keras.version().split(".")[:2])
    assert layer_divides_activity_loss_by_batch() == (major_minor >= (3, 14))  # keras-team/keras#22021


def test_the_penalty_trains_units_toward_the_target_rate():
    keras.utils.set_random_seed(0)
    inputs = np.random.default_rng(0).normal(size=(512, 8)).astype("float32")
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(16, activation="sigmoid", activity_regularizer=KLSparsity(rho=0.1, beta=1.0)),
    ])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss=lambda y_true, y_pred: 0.0 * ops.sum(y_pred))
    model.fit(inputs, inputs[:, :1], epochs=15, batch_size=128, verbose=0)
    assert model.predict(inputs, verbose=0).mean() == pytest.approx(0.1, abs=0.02)


@pytest.mark.parametrize("regularizer", [KLSparsity(rho=0.01, beta=3.0, eps=1e-4), L1Activity(0.002)])
def test_config_round_trip(regularizer):
    rebuilt = type(regularizer).from_config(regularizer.get_config())
    assert rebuilt.get_config() == regularizer.get_config()
    layer = keras.layers.Dense(4, activity_regularizer=regularizer)
    clone = keras.layers.Dense.from_config(layer.get_config())
    assert type(clone.activity_regularizer) is type(regularizer)
    assert clone.activity_regularizer.get_config() == regularizer.get_config()


@pytest.mark.parametrize("kwargs, shown", [
    ({"rho": 0.0}, "rho must lie in (0.0, 1.0), got 0.0"),
    ({"rho": 1.2}, "1.2"),
    ({"rho": "0.05"}, "'0.05'"),
    ({"rho": True}, "True"),
    ({"beta": -1.0}, "beta must lie in [0.0, inf], got -1.0"),
    ({"beta": float("nan")}, "nan"),
    ({"rho": 0.05, "eps": 0.1}, "eps must lie in (0.0, 0.05), got 0.1"),
])
def test_kl_argument_checks_name_the_bad_value(kwargs, shown):
    with pytest.raises(ValueError) as caught:
        KLSparsity(**kwargs)
    assert shown in str(caught.value)


def test_l1_argument_check_names_the_bad_value():
    with pytest.raises(ValueError, match="-0.5"):
        L1Activity(-0.5)

import numpy as np
import pytest
import tensorflow as tf

from utils.contractive import ContractiveSigmoidDense, keras, sigmoid_jacobian_sq_norm


@pytest.mark.parametrize("seed, n_inputs, units", [(0, 784, 64), (1, 20, 7), (2, 5, 300)])
def test_closed_form_equals_autodiff_jacobian(seed, n_inputs, units):
    rng = np.random.default_rng(seed)
    inputs = tf.constant(rng.random((16, n_inputs)), dtype=tf.float64)
    kernel = tf.constant(rng.normal(scale=0.3, size=(n_inputs, units)), dtype=tf.float64)
    bias = tf.constant(rng.normal(size=units), dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        codes = tf.sigmoid(inputs @ kernel + bias)
    jacobians = tape.batch_jacobian(codes, inputs)  # (batch, units, inputs)
    autodiff = tf.reduce_sum(tf.square(jacobians), axis=(1, 2)).numpy()
    closed_form = keras.ops.convert_to_numpy(sigmoid_jacobian_sq_norm(codes, kernel))
    np.testing.assert_allclose(closed_form, autodiff, rtol=1e-5)


def test_layer_adds_the_penalty_and_round_trips():
    layer = ContractiveSigmoidDense(8, weight=0.5)
    inputs = np.random.default_rng(0).random((4, 10)).astype("float32")
    codes = layer(inputs)
    assert tuple(codes.shape) == (4, 8)
    expected = 0.5 * np.mean(keras.ops.convert_to_numpy(sigmoid_jacobian_sq_norm(codes, layer.kernel)))
    assert len(layer.losses) == 1
    assert float(layer.losses[0]) == pytest.approx(expected, rel=1e-6)
    clone = ContractiveSigmoidDense.from_config(layer.get_config())
    assert (clone.units, clone.weight) == (8, 0.5)


@pytest.mark.parametrize("kwargs, shown", [({"units": 0}, "0"), ({"units": 4, "weight": -1.0}, "-1.0"),
                                           ({"units": "8"}, "'8'")])
def test_bad_arguments_are_named(kwargs, shown):
    with pytest.raises(ValueError, match=shown):
        ContractiveSigmoidDense(**kwargs)


def test_shape_mismatch_is_named():
    with pytest.raises(ValueError, match=r"\(3, 4\).*\(5, 6\)"):
        sigmoid_jacobian_sq_norm(keras.ops.ones((3, 4)), keras.ops.ones((5, 6)))

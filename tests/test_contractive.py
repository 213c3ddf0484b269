import numpy as np
import pytest

from utils.contractive import ContractiveSigmoidDense, keras, sigmoid_jacobian_sq_norm


@pytest.mark.parametrize("seed, n_inputs, units", [(0, 784, 64), (1, 20, 7), (2, 5, 300)])
def test_closed_form_equals_autodiff_jacobian(seed, n_inputs, units, batch_jacobian, float64):
    rng = np.random.default_rng(seed)
    inputs = rng.random((16, n_inputs))
    kernel = rng.normal(scale=0.3, size=(n_inputs, units))
    bias = rng.normal(size=units)

    def encoder(x):
        return keras.ops.sigmoid(keras.ops.matmul(x, kernel) + bias)

    jacobians = batch_jacobian(encoder, inputs)  # (batch, units, inputs), from the backend's autodiff
    autodiff = np.sum(jacobians**2, axis=(1, 2))
    closed_form = keras.ops.convert_to_numpy(sigmoid_jacobian_sq_norm(encoder(inputs), kernel))
    assert closed_form.dtype == autodiff.dtype == np.float64
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

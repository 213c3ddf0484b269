import numpy as np
import pytest

from utils.course.backend import load_keras
from utils.recurrent import masked_mse, recurrent_autoencoder

keras = load_keras()


def lstm_params(inputs, units):
    return 4 * (units * (inputs + units) + units)


def gru_params(inputs, units):  # Keras's default reset_after=True keeps two bias vectors
    return 3 * (units * (inputs + units) + 2 * units)


@pytest.mark.parametrize("cell, features", [("lstm", 1), ("gru", 3)])
def test_shapes_and_parts(cell, features):
    encoder, decoder, autoencoder = recurrent_autoencoder(20, features, code_size=4, units=6, cell=cell)
    sequences = np.random.default_rng(0).normal(size=(5, 20, features)).astype("float32")
    assert encoder.predict(sequences, verbose=0).shape == (5, 4)
    assert decoder.predict(np.zeros((5, 4), "float32"), verbose=0).shape == (5, 20, features)
    assert autoencoder.predict(sequences, verbose=0).shape == (5, 20, features)
    assert [layer.name for layer in autoencoder.layers[1:]] == ["encoder", "decoder"]
    assert decoder.get_layer("decoder_rnn").return_sequences


@pytest.mark.parametrize("cell, count", [("lstm", lstm_params), ("gru", gru_params)])
def test_parameter_count(cell, count):
    features, code_size, units = 2, 8, 16
    _, _, autoencoder = recurrent_autoencoder(30, features, code_size, units, cell=cell)
    expected = (count(features, units) + units * code_size + code_size      # encoder RNN and code layer
                + count(code_size, units) + units * features + features)     # decoder RNN and output layer
    assert autoencoder.count_params() == expected


def test_masked_encoder_skips_padding_and_unmasked_does_not():
    rng = np.random.default_rng(1)
    beat = rng.normal(size=(1, 12, 1)).astype("float32")
    padded = np.concatenate([beat, np.zeros((1, 8, 1), "float32")], axis=1)
    for masking, same in ((True, True), (False, False)):
        keras.utils.set_random_seed(0)
        encoder, _, _ = recurrent_autoencoder(20, 1, code_size=3, units=5, masking=masking)
        assert ("masking" in [layer.name for layer in encoder.layers]) == masking
        padded_code = encoder.predict(padded, verbose=0)
        unpadded_code = encoder.get_layer("code")(encoder.get_layer("encoder_rnn")(beat))
        assert np.allclose(padded_code, keras.ops.convert_to_numpy(unpadded_code), atol=1e-6) == same


def test_masked_mse_ignores_padded_steps():
    rng = np.random.default_rng(2)
    targets = rng.normal(size=(3, 6, 2)).astype("float32")
    reconstructions = rng.normal(size=(3, 6, 2)).astype("float32")
    step_mask = np.ones((3, 6), "float32")
    step_mask[0, 4:] = step_mask[2, 1:] = 0
    expected = np.mean(((targets - reconstructions) ** 2)[step_mask.astype(bool)])
    assert float(masked_mse(targets, reconstructions, step_mask)) == pytest.approx(expected, rel=1e-5)
    reconstructions[step_mask == 0] = 1e3  # anything on padded steps: no change
    assert float(masked_mse(targets, reconstructions, step_mask)) == pytest.approx(expected, rel=1e-5)
    assert float(masked_mse(targets, targets, np.ones((3, 6)))) == 0.0


@pytest.mark.parametrize("kwargs, shown", [
    ({"timesteps": 0}, "0"), ({"features": 1.5}, "1.5"), ({"code_size": -2}, "-2"), ({"units": True}, "True"),
    ({"cell": "rnn"}, "'rnn'"), ({"masking": 1}, "masking must be True or False, got 1"),
    ({"mask_value": "pad"}, "'pad'"),
])
def test_bad_arguments_are_named(kwargs, shown):
    arguments = {"timesteps": 10, "features": 1, "code_size": 2, "units": 4, **kwargs}
    with pytest.raises(ValueError, match=shown):
        recurrent_autoencoder(**arguments)


def test_masked_mse_bad_shapes():
    with pytest.raises(ValueError, match=r"\(2, 5\)"):
        masked_mse(np.zeros((2, 5, 1)), np.zeros((2, 5, 1)), np.ones((2, 4)))
    with pytest.raises(ValueError, match="one shape"):
        masked_mse(np.zeros((2, 5, 1)), np.zeros((2, 5, 2)), np.ones((2, 5)))

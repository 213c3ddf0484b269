import numpy as np
import pytest

from utils.blocks import chain, dense_decoder, dense_encoder
from utils.course.backend import load_keras

keras = load_keras()


def test_one_hidden_layer_autoencoder_shapes_and_parameters():
    encoder = dense_encoder((28, 28), code_size=32, code_activation="relu")
    decoder = dense_decoder(32, (28, 28))
    autoencoder = chain(encoder, decoder)
    assert encoder.output.shape[1:] == (32,)
    assert autoencoder.output.shape[1:] == (28, 28)
    assert autoencoder.count_params() == (784 * 32 + 32) + (32 * 784 + 784)
    images = np.random.default_rng(0).random((5, 28, 28)).astype("float32")
    reconstructions = autoencoder.predict(images, verbose=0)
    assert reconstructions.shape == (5, 28, 28)
    assert ((reconstructions > 0) & (reconstructions < 1)).all()  # sigmoid output


def test_deep_builders_mirror_hidden_layers():
    encoder = dense_encoder((784,), code_size=30, hidden_units=(1000, 500, 250))
    decoder = dense_decoder(30, (784,), hidden_units=(250, 500, 1000))
    widths = [layer.units for layer in encoder.layers + decoder.layers if hasattr(layer, "units")]
    assert widths == [1000, 500, 250, 30, 250, 500, 1000, 784]


@pytest.mark.parametrize("kwargs, shown", [
    ({"input_shape": (28, 0), "code_size": 2}, "(28, 0)"),
    ({"input_shape": (784,), "code_size": 0}, "code_size must be a positive integer, got 0"),
    ({"input_shape": (784,), "code_size": 2.5}, "2.5"),
    ({"input_shape": (784,), "code_size": 2, "hidden_units": 128}, "128"),
    ({"input_shape": (784,), "code_size": 2, "hidden_units": (128, -1)}, "-1"),
    ({"input_shape": (784,), "code_size": 2, "activation": "wiggly"}, "wiggly"),
])
def test_encoder_argument_checks_name_the_bad_value(kwargs, shown):
    with pytest.raises(ValueError) as caught:
        dense_encoder(**kwargs)
    assert shown in str(caught.value)


def test_decoder_argument_checks_name_the_bad_value():
    with pytest.raises(ValueError, match="'sigmoidal'"):
        dense_decoder(8, (784,), output_activation="sigmoidal")
    with pytest.raises(ValueError, match="output_shape"):
        dense_decoder(8, ())


def test_chain_checks_that_code_shapes_meet():
    with pytest.raises(ValueError, match=r"\(16,\).*\(8,\)"):
        chain(dense_encoder((784,), 16), dense_decoder(8, (784,)))
    with pytest.raises(ValueError, match="decoder must be a keras.Model"):
        chain(dense_encoder((784,), 16), "decoder")

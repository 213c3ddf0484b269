import numpy as np
import pytest

from utils.blocks import chain
from utils.convolutional import conv_decoder, conv_encoder
from utils.course.backend import load_keras

keras = load_keras()


def conv_params(kernel, channels_in, channels_out):
    return kernel * kernel * channels_in * channels_out + channels_out


def test_encoder_shapes_and_parameters():
    encoder = conv_encoder((28, 28, 1), code_size=32, filters=(32, 64))
    assert [tuple(layer.output.shape[1:]) for layer in encoder.layers[1:]] == [
        (14, 14, 32), (7, 7, 64), (3136,), (32,)]
    assert encoder.count_params() == conv_params(3, 1, 32) + conv_params(3, 32, 64) + 3136 * 32 + 32


@pytest.mark.parametrize("upsampling", ["transpose", "resize"])
def test_decoder_mirrors_encoder_and_returns_to_image_shape(upsampling):
    encoder = conv_encoder((28, 28, 1), code_size=32, filters=(32, 64))
    decoder = conv_decoder(32, (28, 28, 1), filters=(64, 32), upsampling=upsampling)
    autoencoder = chain(encoder, decoder)
    assert decoder.get_layer("reshape").output.shape[1:] == (7, 7, 64)
    expected = 32 * 3136 + 3136 + conv_params(3, 64, 32) + conv_params(3, 32, 1)
    assert decoder.count_params() == expected  # a 3×3 Conv2DTranspose has as many weights as a 3×3 Conv2D
    images = np.random.default_rng(0).random((4, 28, 28, 1)).astype("float32")
    reconstructions = autoencoder.predict(images, verbose=0)
    assert reconstructions.shape == (4, 28, 28, 1)
    assert ((reconstructions > 0) & (reconstructions < 1)).all()


def test_fully_convolutional_code_is_the_feature_map():
    encoder = conv_encoder((32, 32, 3), code_size=None, filters=(16, 8))
    decoder = conv_decoder(None, (32, 32, 3), filters=(8, 16))
    assert encoder.output.shape[1:] == (8, 8, 8)
    assert chain(encoder, decoder).output.shape[1:] == (32, 32, 3)


def test_resize_decoder_uses_upsampling_layers_only_there():
    resize = conv_decoder(8, (16, 16, 1), filters=(4, 4), upsampling="resize")
    transpose = conv_decoder(8, (16, 16, 1), filters=(4, 4), upsampling="transpose")
    assert sum(isinstance(layer, keras.layers.UpSampling2D) for layer in resize.layers) == 2
    assert not any(isinstance(layer, keras.layers.Conv2DTranspose) for layer in resize.layers)
    assert sum(isinstance(layer, keras.layers.Conv2DTranspose) for layer in transpose.layers) == 2


@pytest.mark.parametrize("call, shown", [
    (lambda: conv_encoder((28, 28, 1), 8, filters=(8, 8, 8)), "divisible by 2 ** len(filters) = 8"),
    (lambda: conv_encoder((28, 28), 8), "(28, 28)"),
    (lambda: conv_encoder((28, 28, 1), 0), "got 0"),
    (lambda: conv_encoder((28, 28, 1), 8, filters=()), "filters must hold at least one"),
    (lambda: conv_encoder((28, 28, 1), 8, kernel_size=0), "kernel_size must be a positive integer, got 0"),
    (lambda: conv_encoder((28, 28, 1), 8, activation="wiggly"), "wiggly"),
    (lambda: conv_decoder(8, (28, 28, 1), upsampling="deconv"), "'deconv'"),
    (lambda: conv_decoder(8, (30, 30, 1)), "(30, 30, 1)"),
    (lambda: conv_decoder(8, (28, 28, 1), output_activation="sigmoidal"), "'sigmoidal'"),
])
def test_argument_checks_name_the_bad_value(call, shown):
    with pytest.raises(ValueError) as caught:
        call()
    assert shown in str(caught.value)


def test_sequence_conv_autoencoder_matches_notebook_08s_conv1d_baseline():
    from utils.convolutional import sequence_conv_autoencoder

    encoder, decoder, autoencoder = sequence_conv_autoencoder(140, 8)
    assert autoencoder.output.shape[1:] == (140, 1) and encoder.output.shape[1:] == (8,)
    # 08's hand-written Conv1D AE: Conv1D 16/7 and 32/5, Dense 8, Dense 35·32, Conv1DTranspose 16/5 and 1/7
    expected = (7 * 16 + 16) + (5 * 16 * 32 + 32) + (35 * 32 * 8 + 8) + (8 * 35 * 32 + 35 * 32) \
        + (5 * 32 * 16 + 16) + (7 * 16 * 1 + 1)
    assert autoencoder.count_params() == expected
    assert decoder.layers[-1].get_config()["activation"] == "linear"


@pytest.mark.parametrize("kwargs, bad", [({"timesteps": 141}, "141"), ({"kernel_sizes": (7,)}, "kernel_sizes"),
                                         ({"code_size": 0}, "0")])
def test_sequence_conv_autoencoder_rejects_bad_arguments(kwargs, bad):
    from utils.convolutional import sequence_conv_autoencoder

    arguments = {"timesteps": 140, "code_size": 8, **kwargs}
    with pytest.raises(ValueError, match=bad):
        sequence_conv_autoencoder(**arguments)

"""Convolutional encoder and decoder builders for image autoencoders, and a 1-D one for sequences.

Notebook 07 writes a convolutional autoencoder by hand; these builders make the same networks in one line, with
argument checks, so the image applications can focus on what is new::

    encoder = conv_encoder(input_shape=(28, 28, 1), code_size=32, filters=(32, 64))
    decoder = conv_decoder(code_size=32, output_shape=(28, 28, 1), filters=(64, 32))
    autoencoder = chain(encoder, decoder)  # from utils.blocks

Every convolution halves (encoder) or doubles (decoder) height and width, so both must be divisible by
`2 ** len(filters)`. The code is a flat vector made by a Dense layer; pass `code_size=None` for a fully convolutional
model whose code is the last feature map (it is then much larger than the name "bottleneck" suggests).

`sequence_conv_autoencoder` is the same idea in one dimension, for fixed-length series such as heartbeats (the
Conv1D baseline of notebook 08, the detector of notebook 12)::

    encoder, decoder, autoencoder = sequence_conv_autoencoder(timesteps=140, code_size=8)
"""

import math

import keras

from utils import validation
from utils.blocks import chain

UPSAMPLING_MODES = ("transpose", "resize")


def _image_shape(value, name, downsamplings):
    shape = validation.shape(value, name)
    if len(shape) != 3:
        raise ValueError(f"{name} must be (height, width, channels), got {value!r}.")
    factor = 2**downsamplings
    if shape[0] % factor or shape[1] % factor:
        raise ValueError(
            f"{name} {shape}: height and width must be divisible by 2 ** len(filters) = {factor}, or the decoder "
            "cannot come back to the same size; pad or crop the images first."
        )
    return shape


def _checked(filters, image_shape, shape_name, code_size, kernel_size, activation):
    """The arguments both builders share, checked: (filters, image_shape, code_size, kernel_size)."""
    filters = validation.int_sequence(filters, "filters", allow_empty=False)
    image_shape = _image_shape(image_shape, shape_name, len(filters))
    code_size = None if code_size is None else validation.positive_int(code_size, "code_size")
    validation.activation(activation, "activation")
    return filters, image_shape, code_size, validation.positive_int(kernel_size, "kernel_size")


def conv_encoder(input_shape, code_size, filters=(32, 64), kernel_size=3, activation="relu", name="encoder"):
    """Strided convolutions, then (unless `code_size` is None) Flatten → Dense(`code_size`).

    Args:
        input_shape: `(height, width, channels)`; height and width divisible by `2 ** len(filters)`.
        code_size: length of the code vector, or None to keep the last feature map as the code.
        filters: channels of each stride-2 `Conv2D`, from the input inwards.
        kernel_size: kernel side of every convolution.
        activation: activation of the convolutions (the Dense code layer is linear).
        name: the model's name.

    Returns:
        A functional `keras.Model` from images to codes.
    """
    filters, input_shape, code_size, kernel_size = _checked(filters, input_shape, "input_shape", code_size,
                                                            kernel_size, activation)
    images = keras.Input(shape=input_shape, name="images")
    features = images
    for index, channels in enumerate(filters, start=1):
        features = keras.layers.Conv2D(channels, kernel_size, strides=2, padding="same", activation=activation,
                                       name=f"conv_{index}")(features)
    if code_size is None:
        return keras.Model(images, features, name=name)
    flat = keras.layers.Flatten(name="flatten")(features)
    codes = keras.layers.Dense(code_size, name="code")(flat)
    return keras.Model(images, codes, name=name)


def conv_decoder(code_size, output_shape, filters=(64, 32), kernel_size=3, upsampling="transpose",
                 activation="relu", output_activation="sigmoid", name="decoder"):
    """Dense → reshape to a small feature map, then `len(filters)` upsampling steps of ×2 back to `output_shape`.

    `filters` are listed from the code outwards, so the mirror of `conv_encoder(..., filters=(32, 64))` is
    `conv_decoder(..., filters=(64, 32))`: the feature map after the Dense layer has `filters[0]` channels, each
    upsampling step but the last outputs the next entry, and the last one outputs the image's channels.

    Args:
        code_size: length of the code vector, or None when the code is already the feature map
            `(height / 2**n, width / 2**n, filters[0])`.
        output_shape: `(height, width, channels)` of the images.
        filters: channels, from the code outwards.
        kernel_size: kernel side of every convolution.
        upsampling: "transpose" (`Conv2DTranspose` with stride 2) or "resize" (`UpSampling2D` then `Conv2D`,
            free of checkerboard artifacts).
        activation: activation of the hidden layers.
        output_activation: activation of the last layer ("sigmoid" for pixels in [0, 1]).
        name: the model's name.

    Returns:
        A functional `keras.Model` from codes to images.
    """
    filters, output_shape, code_size, kernel_size = _checked(filters, output_shape, "output_shape", code_size,
                                                             kernel_size, activation)
    if upsampling not in UPSAMPLING_MODES:
        raise ValueError(f"upsampling must be one of {UPSAMPLING_MODES}, got {upsampling!r}.")
    validation.activation(output_activation, "output_activation")
    factor = 2 ** len(filters)
    map_shape = (output_shape[0] // factor, output_shape[1] // factor, filters[0])
    if code_size is None:
        codes = keras.Input(shape=map_shape, name="codes")
        features = codes
    else:
        codes = keras.Input(shape=(code_size,), name="codes")
        flat = keras.layers.Dense(math.prod(map_shape), activation=activation, name="expand")(codes)
        features = keras.layers.Reshape(map_shape, name="reshape")(flat)
    out_channels = list(filters[1:]) + [output_shape[2]]
    for index, channels in enumerate(out_channels, start=1):
        last = index == len(out_channels)
        layer_activation = output_activation if last else activation
        layer_name = "reconstruction" if last else f"up_{index}"
        if upsampling == "transpose":
            features = keras.layers.Conv2DTranspose(channels, kernel_size, strides=2, padding="same",
                                                    activation=layer_activation, name=layer_name)(features)
        else:
            features = keras.layers.UpSampling2D(2, name=f"resize_{index}")(features)
            features = keras.layers.Conv2D(channels, kernel_size, padding="same", activation=layer_activation,
                                           name=layer_name)(features)
    return keras.Model(codes, features, name=name)


def sequence_conv_autoencoder(timesteps, code_size, features=1, filters=(16, 32), kernel_sizes=(7, 5),
                              activation="relu", name="conv1d_autoencoder"):
    """A 1-D convolutional autoencoder for fixed-length sequences, with a dense code and a linear output.

    Encoder: one stride-2 `Conv1D` per entry of `filters` (each halves the length), Flatten, Dense(`code_size`).
    Decoder: Dense, Reshape, then `Conv1DTranspose` with stride 2 back to `(timesteps, features)`, the last one
    linear (standardized series are not bounded).

    Args:
        timesteps: sequence length, divisible by `2 ** len(filters)`.
        code_size: length of the code vector.
        features: numbers per time step.
        filters: channels of each convolution, from the input inwards.
        kernel_sizes: kernel length of each convolution (same length as `filters`); the decoder mirrors both.
        activation: activation of every layer but the code and the output.
        name: the autoencoder's name.

    Returns:
        `(encoder, decoder, autoencoder)`: functional models sharing weights; the autoencoder maps
        `(batch, timesteps, features)` to the same shape.
    """
    timesteps = validation.positive_int(timesteps, "timesteps")
    code_size = validation.positive_int(code_size, "code_size")
    features = validation.positive_int(features, "features")
    filters = validation.int_sequence(filters, "filters", allow_empty=False)
    kernel_sizes = validation.int_sequence(kernel_sizes, "kernel_sizes", allow_empty=False)
    if len(kernel_sizes) != len(filters):
        raise ValueError(f"kernel_sizes needs one entry per entry of filters {filters}, got {kernel_sizes}.")
    validation.activation(activation, "activation")
    factor = 2 ** len(filters)
    if timesteps % factor:
        raise ValueError(f"timesteps={timesteps} must be divisible by 2 ** len(filters) = {factor}.")
    sequences = keras.Input(shape=(timesteps, features), name="sequences")
    steps = sequences
    for index, (channels, kernel) in enumerate(zip(filters, kernel_sizes, strict=True), start=1):
        steps = keras.layers.Conv1D(channels, kernel, strides=2, padding="same", activation=activation,
                                    name=f"conv_{index}")(steps)
    codes = keras.layers.Dense(code_size, name="code")(keras.layers.Flatten(name="flatten")(steps))
    encoder = keras.Model(sequences, codes, name="encoder")

    map_shape = (timesteps // factor, filters[-1])
    code_input = keras.Input(shape=(code_size,), name="codes")
    steps = keras.layers.Dense(math.prod(map_shape), activation=activation, name="expand")(code_input)
    steps = keras.layers.Reshape(map_shape, name="reshape")(steps)
    out_channels = list(reversed(filters[:-1])) + [features]
    for index, (channels, kernel) in enumerate(zip(out_channels, reversed(kernel_sizes), strict=True), start=1):
        last = index == len(out_channels)
        steps = keras.layers.Conv1DTranspose(channels, kernel, strides=2, padding="same",
                                             activation=None if last else activation,
                                             name="reconstruction" if last else f"up_{index}")(steps)
    decoder = keras.Model(code_input, steps, name="decoder")
    return encoder, decoder, chain(encoder, decoder, name=name)

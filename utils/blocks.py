"""Dense encoder and decoder builders, the building blocks of the course's fully connected autoencoders.

Notebook 01 writes a one-hidden-layer autoencoder by hand; these builders make the same networks (and deeper ones)
in one line, with argument checks, so later notebooks can focus on what is new::

    encoder = dense_encoder(input_shape=(28, 28), code_size=32, code_activation="relu")
    decoder = dense_decoder(code_size=32, output_shape=(28, 28))
    autoencoder = chain(encoder, decoder)
"""

import math

import keras

from utils import validation


def dense_encoder(input_shape, code_size, hidden_units=(), activation="relu", code_activation=None,
                  name="encoder"):
    """A fully connected encoder: flatten → Dense(h) for h in `hidden_units` → Dense(`code_size`).

    Args:
        input_shape: shape of one example, e.g. `(28, 28)` or `(784,)`.
        code_size: number of units in the code (the bottleneck).
        hidden_units: sizes of the hidden layers between input and code, outermost first.
        activation: activation of the hidden layers.
        code_activation: activation of the code layer (`None` = linear).
        name: the model's name.

    Returns:
        A functional `keras.Model` from images to codes.
    """
    input_shape = validation.shape(input_shape, "input_shape")
    code_size = validation.positive_int(code_size, "code_size")
    hidden_units = validation.int_sequence(hidden_units, "hidden_units")
    validation.activation(activation, "activation")
    validation.activation(code_activation, "code_activation")
    inputs = keras.Input(shape=input_shape, name="inputs")
    hidden = keras.layers.Flatten(name="flatten")(inputs) if len(input_shape) > 1 else inputs
    for index, units in enumerate(hidden_units, start=1):
        hidden = keras.layers.Dense(units, activation=activation, name=f"encoder_hidden_{index}")(hidden)
    codes = keras.layers.Dense(code_size, activation=code_activation, name="code")(hidden)
    return keras.Model(inputs, codes, name=name)


def dense_decoder(code_size, output_shape, hidden_units=(), activation="relu", output_activation="sigmoid",
                  name="decoder"):
    """A fully connected decoder: Dense(h) for h in `hidden_units` → Dense(prod(output_shape)) → reshape.

    `hidden_units` are listed from the code outwards, so a mirror of `dense_encoder(..., hidden_units=(512, 128))`
    is `dense_decoder(..., hidden_units=(128, 512))`. The sigmoid output suits pixels scaled to [0, 1].
    """
    code_size = validation.positive_int(code_size, "code_size")
    output_shape = validation.shape(output_shape, "output_shape")
    hidden_units = validation.int_sequence(hidden_units, "hidden_units")
    validation.activation(activation, "activation")
    validation.activation(output_activation, "output_activation")
    codes = keras.Input(shape=(code_size,), name="codes")
    hidden = codes
    for index, units in enumerate(hidden_units, start=1):
        hidden = keras.layers.Dense(units, activation=activation, name=f"decoder_hidden_{index}")(hidden)
    flat = keras.layers.Dense(math.prod(output_shape), activation=output_activation, name="reconstruction")(hidden)
    outputs = keras.layers.Reshape(output_shape, name="reshape")(flat) if len(output_shape) > 1 else flat
    return keras.Model(codes, outputs, name=name)


def chain(encoder, decoder, name="autoencoder"):
    """The autoencoder `decoder(encoder(x))` as one functional model that shares the two models' weights."""
    for model, role in ((encoder, "encoder"), (decoder, "decoder")):
        if not isinstance(model, keras.Model):
            raise ValueError(f"{role} must be a keras.Model, got {model!r}.")
    code_shape, decoder_input = tuple(encoder.output.shape[1:]), tuple(decoder.input.shape[1:])
    if code_shape != decoder_input:
        raise ValueError(
            f"The encoder's code shape {code_shape} does not match the decoder's input shape {decoder_input}."
        )
    inputs = keras.Input(shape=tuple(encoder.input.shape[1:]), name="inputs")
    return keras.Model(inputs, decoder(encoder(inputs)), name=name)

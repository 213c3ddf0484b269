"""Recurrent sequence-to-sequence autoencoders: an LSTM or GRU encoder, a code, `RepeatVector`, a recurrent decoder.

Notebook 08 writes the LSTM version by hand; this builder makes it (and the GRU and masked versions) in one line::

    encoder, decoder, autoencoder = recurrent_autoencoder(timesteps=140, features=1, code_size=8, units=64)
    encoder, decoder, autoencoder = recurrent_autoencoder(140, 1, 8, 64, cell="gru", masking=True)

The encoder reads the sequence and keeps its last hidden state; a linear `Dense` layer turns it into the code. The
decoder copies the code to every time step (`RepeatVector`), runs a recurrent layer over the copies, and maps each
step's state to the output features. With `masking=True` a `Masking` layer in front of the encoder makes it skip the
padded steps (those whose features all equal `mask_value`), so the code is the state after the last *real* step. The
decoder still writes every step: the loss has to ignore the padded ones, e.g. with `masked_mse` or per-step sample
weights.
"""


import keras

from utils import validation
from utils.blocks import chain

ops = keras.ops
CELLS = {"lstm": keras.layers.LSTM, "gru": keras.layers.GRU}


def recurrent_autoencoder(timesteps, features=1, code_size=8, units=64, cell="lstm", masking=False, mask_value=0.0,
                          name="autoencoder"):
    """Build a sequence-to-sequence autoencoder: encoder → code → RepeatVector → decoder.

    Args:
        timesteps: length of the sequences (all padded to it when `masking=True`).
        features: numbers per time step.
        code_size: size of the code (the bottleneck), a linear `Dense` layer on the encoder's last state.
        units: units of the encoder's and the decoder's recurrent layer.
        cell: `"lstm"` or `"gru"`.
        masking: put `keras.layers.Masking(mask_value)` in front of the encoder.
        mask_value: the padding value that `Masking` skips; it must never occur as a whole real time step.
        name: the autoencoder's name (its parts are `encoder` and `decoder`).

    Returns:
        `(encoder, decoder, autoencoder)`: functional models sharing weights; the autoencoder maps
        `(batch, timesteps, features)` to the same shape, the encoder maps it to `(batch, code_size)`.
    """
    timesteps = validation.positive_int(timesteps, "timesteps")
    features = validation.positive_int(features, "features")
    code_size = validation.positive_int(code_size, "code_size")
    units = validation.positive_int(units, "units")
    validation.one_of(cell, "cell", sorted(CELLS))
    validation.boolean(masking, "masking")
    mask_value = validation.real(mask_value, "mask_value")
    recurrent = CELLS[cell]

    sequences = keras.Input(shape=(timesteps, features), name="sequences")
    steps = keras.layers.Masking(mask_value=float(mask_value), name="masking")(sequences) if masking else sequences
    last_state = recurrent(units, name="encoder_rnn")(steps)
    codes = keras.layers.Dense(code_size, name="code")(last_state)
    encoder = keras.Model(sequences, codes, name="encoder")

    code_input = keras.Input(shape=(code_size,), name="codes")
    repeated = keras.layers.RepeatVector(timesteps, name="repeat")(code_input)
    states = recurrent(units, return_sequences=True, name="decoder_rnn")(repeated)
    reconstructions = keras.layers.Dense(features, name="reconstruction")(states)
    decoder = keras.Model(code_input, reconstructions, name="decoder")
    return encoder, decoder, chain(encoder, decoder, name=name)


def masked_mse(targets, reconstructions, step_mask):
    """Mean squared error over the real time steps only.

    Args:
        targets, reconstructions: arrays or tensors of shape `(batch, timesteps, features)`.
        step_mask: `(batch, timesteps)`, 1 (or True) for a real step, 0 for padding.

    Returns:
        A scalar: the squared error averaged over features and over the real steps of all sequences.
    """
    targets = ops.convert_to_tensor(targets, dtype="float32")
    reconstructions = ops.convert_to_tensor(reconstructions, dtype="float32")
    step_mask = ops.cast(ops.convert_to_tensor(step_mask), "float32")
    if len(targets.shape) != 3 or tuple(targets.shape) != tuple(reconstructions.shape):
        raise ValueError(f"targets and reconstructions must have one shape (batch, timesteps, features), got "
                         f"{tuple(targets.shape)} and {tuple(reconstructions.shape)}.")
    if tuple(step_mask.shape) != tuple(targets.shape[:2]):
        raise ValueError(f"step_mask must have shape {tuple(targets.shape[:2])} (batch, timesteps), got "
                         f"{tuple(step_mask.shape)}.")
    step_errors = ops.mean(ops.square(targets - reconstructions), axis=-1)
    return ops.sum(step_errors * step_mask) / ops.maximum(ops.sum(step_mask), 1.0)

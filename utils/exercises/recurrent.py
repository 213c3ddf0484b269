"""Checks for the exercises of notebook 08 (recurrent autoencoders).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils import validation
from utils.exercises.core import all_layers, call_learner, check_autoencoder, known_mistake, verdict


def check_lstm_parameters(answer, features=3, units=32):
    """Exercise 1: the number of parameters of `keras.layers.LSTM(units)` reading `features` features per step."""
    import keras

    features = validation.positive_int(features, "features")
    units = validation.positive_int(units, "units")
    if answer is None:
        return verdict(False, "my_lstm_parameters is still None. Replace it with your formula.")
    layer = keras.layers.LSTM(units)
    layer.build((None, 10, features))
    expected = layer.count_params()
    block = units * (features + units) + units  # one gate: input kernel, recurrent kernel, bias
    mistakes = {
        "the biases are missing: each of the four blocks has one bias per unit.": 4 * units * (features + units),
        "that is one block; an LSTM has four (input, forget and output gates, and the candidate).": block,
        "the recurrent kernel is missing: every block also reads the previous state, a units × units matrix.":
            4 * (units * features + units),
        "that is a GRU (three blocks, and Keras's GRU has two biases per block); an LSTM has four blocks.":
            3 * (units * (features + units) + 2 * units),
    }
    for message, value in mistakes.items():
        if answer == value:
            return verdict(False, message)
    if answer != expected:
        return verdict(False, f"you have {answer}; count the four blocks, each with a kernel for the input, one for "
                              "the previous state, and a bias.")
    return verdict(True, f"{expected:,} parameters, as Keras counts: 4 × ({units}·({features} + {units}) + {units}).")


def _masked_examples(seed=3):
    """(targets, reconstructions, step_mask) triples: (batch, steps, features) and (batch, steps)."""
    rng = np.random.default_rng(seed)
    examples = []
    for features in (2, 3, 1):
        lengths = rng.integers(2, 11, size=(4, 1))
        lengths[0] = 10  # one full-length sequence, others padded
        step_mask = (np.arange(10)[None, :] < lengths).astype(float)
        examples.append((rng.normal(size=(4, 10, features)), rng.normal(size=(4, 10, features)), step_mask))
    return examples


def check_masked_mse(candidate):
    """Exercise 2: `candidate(targets, reconstructions, step_mask)` is the squared error averaged over features and
    over the real steps only (`step_mask` 1 on real steps, 0 on padding)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_masked_mse and pass its name.")
    for number, (targets, reconstructions, step_mask) in enumerate(_masked_examples(), start=1):
        answer, failed = call_learner(candidate, "my_masked_mse",
                                      (targets.copy(), reconstructions.copy(), step_mask.copy()), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_masked_mse returned shape {answer.shape}; it should be one number for the "
                                  "whole batch.")
        step_errors = np.mean((targets - reconstructions) ** 2, axis=-1)
        expected = np.sum(step_errors * step_mask) / np.sum(step_mask)
        mistakes = {
            "padding steps are counted in the average: divide by the number of real steps, step_mask.sum(), not by "
            "step_mask.size.": np.sum(step_errors * step_mask) / step_mask.size,
            "the mask is not used: padding steps must not count at all.": np.mean(step_errors),
            "the errors are summed over the features; average them (a mean over features and real steps).":
                np.sum(np.sum((targets - reconstructions) ** 2, axis=-1) * step_mask) / np.sum(step_mask),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-6)
        if mistake is not None:
            return mistake
        if not np.isclose(answer, expected, rtol=1e-5):
            return verdict(False, f"on example {number} you have {float(answer):.5f}, expected {expected:.5f}.")
    return verdict(True, "my_masked_mse averages over features and the real steps only, on three padded batches.")


def check_gru_autoencoder(model, timesteps, code_size=16, units=32):
    """Exercise 3: `model` is a masked GRU autoencoder of (timesteps, 1) sequences with a `code_size` code and GRU
    layers of `units` units."""
    import keras

    timesteps = validation.positive_int(timesteps, "timesteps")
    units = validation.positive_int(units, "units")
    shape_verdict = check_autoencoder(model, input_shape=(timesteps, 1), code_size=code_size)
    if not shape_verdict:
        return shape_verdict
    layers = list(all_layers(model))
    if any(isinstance(layer, keras.layers.LSTM) for layer in layers):
        return verdict(False, "the model has LSTM layers; the exercise asks for GRU cells (cell=\"gru\").")
    grus = [layer for layer in layers if isinstance(layer, keras.layers.GRU)]
    if not grus:
        return verdict(False, "no GRU layer found: the encoder and the decoder should be GRUs.")
    if any(layer.units != units for layer in grus):
        return verdict(False, f"the GRU layers have {sorted({layer.units for layer in grus})} units; the exercise "
                              f"asks for {units}.")
    if not any(isinstance(layer, keras.layers.Masking) for layer in layers):
        return verdict(False, "there is no Masking layer: without it the encoder reads the padding as real steps "
                              "(masking=True).")
    return verdict(True, f"a masked GRU autoencoder: ({timesteps}, 1) → {code_size} → ({timesteps}, 1).")

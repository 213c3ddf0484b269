"""Checks for the exercises of notebook 03 (the deep autoencoder).

Each check computes its own reference, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils import validation
from utils.exercises.core import call_learner, one_number, verdict
from utils.reconstruction_errors import summed_squared_error


def _error_examples(seed=3):
    """(images, reconstructions) pairs of shape (n, 784) whose per-image errors differ."""
    rng = np.random.default_rng(seed)
    examples = []
    for n in (5, 1, 40):
        images = rng.uniform(0, 1, (n, 784))
        examples.append((images, np.clip(images + rng.uniform(0.02, 0.4, (n, 1)) * rng.normal(size=(n, 784)), 0, 1)))
    return examples


def check_summed_squared_error(candidate):
    """Exercise 1: `candidate(images, reconstructions)` is the paper's E: squared error summed over the 784 pixels
    of each image, averaged over the images (one number)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define it with `def` and pass its name.")
    for number, (images, reconstructions) in enumerate(_error_examples(), start=1):
        answer, failed = call_learner(candidate, "your function", (images, reconstructions), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"your function returned an array of shape {answer.shape}; E is one number: "
                                  "after summing over the pixels, average over the images.")
        expected = summed_squared_error(images, reconstructions)
        if np.isclose(answer, expected / 784, rtol=1e-6):
            return verdict(False, "that is the per-pixel mean squared error (Keras's `mse`), 784 times smaller "
                                  "than the paper's E: sum over the pixels instead of averaging them.")
        if len(images) > 1 and np.isclose(answer, expected * len(images), rtol=1e-6):
            return verdict(False, "that is the total over all images: average over the images after summing over "
                                  "the pixels.")
        if not np.isclose(answer, expected, rtol=1e-6):
            return verdict(False, f"on example {number} you have {float(answer):.6g}, expected "
                                  f"{expected:.6g}. Square the differences, sum over axis 1, then average.")
    return verdict(True, "your function computes the paper's E on batches of 5, 1 and 40 images.")


def check_tied_parameter_count(answer, input_size=784, hidden_units=(1000, 500, 250), code_size=30):
    """Exercise 2: the parameters of the tied autoencoder input → hidden_units → code → mirror → input.

    Tied: the decoder reuses the encoder's kernels (transposed) and has only biases of its own.
    """
    input_size = validation.positive_int(input_size, "input_size")
    hidden_units = validation.int_sequence(hidden_units, "hidden_units")
    code_size = validation.positive_int(code_size, "code_size")
    widths = (input_size, *hidden_units, code_size)
    kernels = sum(a * b for a, b in zip(widths[:-1], widths[1:], strict=True))
    encoder_biases = sum(widths[1:])
    decoder_biases = sum(widths[:-1])
    expected = kernels + encoder_biases + decoder_biases
    name = "my_tied_parameter_count"
    answer, failed = one_number(answer, name)
    if failed is not None:
        return failed
    if answer == expected:
        return verdict(True, f"{name} = {int(answer):,}: one copy of each kernel, and a bias for every layer.")
    if answer == 2 * kernels + encoder_biases + decoder_biases:
        return verdict(False, f"{int(answer):,} counts every kernel twice: that is the untied network. A tied "
                              "decoder borrows the encoder's kernels.")
    if answer == kernels + encoder_biases:
        return verdict(False, f"{int(answer):,} leaves out the decoder's biases: each decoder layer keeps a bias "
                              "of its own.")
    if answer == kernels:
        return verdict(False, f"{int(answer):,} counts the kernels only: add the encoder's and the decoder's "
                              "biases.")
    return verdict(False, f"{name} = {answer:,.0f} is not right. Add up the four kernels (inputs × units of each "
                          "encoder layer), then one bias per unit of every encoder and every decoder layer.")

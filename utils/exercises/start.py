"""Checks for the exercises of notebook 00 (start here).

Each check computes its own reference, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils import validation
from utils.exercises.core import call_learner, check_value, verdict
from utils.reconstruction_errors import squared_errors


def check_compression_ratio(answer, image_shape, code_size):
    """Exercise 1: how many values of one image each value of its code stands for.

    Args:
        answer: the learner's number.
        image_shape: the shape of one image, e.g. `(28, 28)`.
        code_size: the number of values in one code.
    """
    image_shape = validation.shape(image_shape, "image_shape")
    code_size = validation.positive_int(code_size, "code_size")
    n_pixels = int(np.prod(image_shape))
    if answer is not None and np.ndim(answer) == 0 and np.isclose(float(answer), code_size / n_pixels):
        return verdict(False, f"compression_ratio = {float(answer):.4g} is upside down: that is code values per "
                              "pixel. Divide the pixels of one image by the values of its code.")
    return check_value(answer, n_pixels / code_size, name="compression_ratio",
                       hint="how many pixels does one image have, and how many numbers does its code have?")


def _examples(seed=0):
    """Batches of (originals, reconstructions) of different sizes, with errors that differ from image to image."""
    rng = np.random.default_rng(seed)
    examples = []
    for n in (5, 1, 3):
        originals = rng.uniform(0, 1, (n, 28, 28))
        noise_levels = rng.uniform(0.01, 0.3, (n, 1, 1))
        examples.append((originals, np.clip(originals + noise_levels * rng.normal(size=(n, 28, 28)), 0, 1)))
    return examples


def check_mse_per_image(candidate):
    """Exercise 2: `candidate(originals, reconstructions)` returns one mean squared error per image, shape (n,).

    The check calls it on its own batches of (n, 28, 28) images, in which every image has a different error.
    """
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define mse_per_image and pass its name.")
    for number, (originals, reconstructions) in enumerate(_examples(), start=1):
        answer, failed = call_learner(candidate, "mse_per_image", (originals, reconstructions), number)
        if failed is not None:
            return failed
        expected = squared_errors(originals, reconstructions)
        if answer.shape != expected.shape:
            hint = (" One number for the whole batch: average over the pixel axes (1, 2) only, keep axis 0."
                    if answer.ndim == 0 else " Average over the two pixel axes (1 and 2) and keep axis 0.")
            return verdict(False, f"mse_per_image returned shape {answer.shape} for {len(originals)} images; "
                                  f"expected {expected.shape}.{hint}")
        if np.allclose(answer, expected * 784, rtol=1e-5):
            return verdict(False, "mse_per_image returns the *sum* of squared differences per image: take the mean "
                                  "over its 784 pixels.")
        if not np.allclose(answer, expected, rtol=1e-5, atol=1e-9):
            return verdict(False, f"mse_per_image differs from the expected values on example {number} (largest "
                                  f"gap {np.max(np.abs(answer - expected)):.3g}). Square the differences, then "
                                  "average.")
    return verdict(True, "mse_per_image gives one error per image, on batches of 5, 1 and 3 images.")

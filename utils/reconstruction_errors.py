"""How far reconstructions are from their originals: squared errors per example, and their averages.

Two conventions are used in the literature, and the course says which one each number is:

- **mean squared error** (per pixel): the mean over every value of an example, then over examples. Keras's `"mse"`.
- **summed squared error** (per example): the sum over an example's values, then the mean over examples. Hinton &
  Salakhutdinov (2006) report MNIST results this way (784 × the per-pixel MSE).

Sums are taken in float64, so a float32 array of millions of values does not lose digits.
"""

import numpy as np

from utils import validation

REDUCTIONS = ("mean", "sum")


def _pair(originals, reconstructions):
    originals, reconstructions = np.asarray(originals), np.asarray(reconstructions)
    if originals.shape != reconstructions.shape:
        raise ValueError(f"originals and reconstructions must have one shape, got {originals.shape} and "
                         f"{reconstructions.shape}.")
    if originals.ndim < 2 or len(originals) == 0:
        raise ValueError(f"expected a batch of examples (n, ...) with n ≥ 1, got shape {originals.shape}.")
    return originals.astype(np.float64), reconstructions.astype(np.float64)


def squared_errors(originals, reconstructions, reduction="mean"):
    """The squared error of each example, averaged (`"mean"`) or summed (`"sum"`) over its values.

    Args:
        originals, reconstructions: arrays of one shape `(n, ...)`.
        reduction: `"mean"` or `"sum"` over each example's values.

    Returns:
        float64 array `(n,)`.
    """
    validation.one_of(reduction, "reduction", REDUCTIONS)
    originals, reconstructions = _pair(originals, reconstructions)
    errors = np.square(originals - reconstructions).reshape(len(originals), -1)
    return errors.mean(axis=1) if reduction == "mean" else errors.sum(axis=1)


def mean_squared_error(originals, reconstructions):
    """The per-value squared error averaged over all examples (a float): Keras's `"mse"` on the whole set."""
    return float(squared_errors(originals, reconstructions, "mean").mean())


def summed_squared_error(originals, reconstructions):
    """The squared error summed over each example's values, averaged over examples (a float)."""
    return float(squared_errors(originals, reconstructions, "sum").mean())


def model_mean_squared_error(model, inputs, targets=None, batch_size=1024):
    """`mean_squared_error(targets, model.predict(inputs))`; `targets` defaults to `inputs` (an autoencoder).

    Pass noisy `inputs` and clean `targets` to score a denoiser on what it is for.
    """
    batch_size = validation.positive_int(batch_size, "batch_size")
    targets = inputs if targets is None else targets
    return mean_squared_error(targets, model.predict(inputs, batch_size=batch_size, verbose=0))

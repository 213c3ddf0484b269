"""How far a measured mean could move on another test sample: two standard errors.

A test score is a mean over test examples. Had the test set been a different sample of the same size, the score
would differ by about one standard error; two standard errors make a rough 95 % interval. When two models' scores
differ by less than their intervals, the difference is a tie, not a win.
"""

import numpy as np

from utils import validation


def two_standard_errors(per_example):
    """Twice the standard error of the mean of `per_example` values (one per test example).

    Args:
        per_example: 1-D array-like of at least two finite numbers, e.g. each test image's MSE.

    Returns:
        `2 · std(per_example, ddof=1) / sqrt(n)`, a float.
    """
    values = np.asarray(per_example, dtype=np.float64)
    if values.ndim != 1 or len(values) < 2:
        raise ValueError(f"per_example must be a 1-D array of at least two values, got shape {values.shape}.")
    if not np.all(np.isfinite(values)):
        raise ValueError("per_example holds a NaN or an infinite value.")
    return float(2 * values.std(ddof=1) / np.sqrt(len(values)))


def binomial_two_standard_errors(accuracy, n):
    """Twice the standard error of an accuracy (a fraction of `n` independent right/wrong answers).

    Args:
        accuracy: the measured fraction, in [0, 1].
        n: the number of examples it was measured on, a positive integer.

    Returns:
        `2 · sqrt(accuracy · (1 − accuracy) / n)`, a float.
    """
    accuracy = validation.real(accuracy, "accuracy", low=0.0, high=1.0)
    n = validation.positive_int(n, "n")
    return float(2 * np.sqrt(accuracy * (1 - accuracy) / n))

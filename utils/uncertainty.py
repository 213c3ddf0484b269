"""How far a measured mean could move on another test sample: two standard errors.

A test score is a mean over test examples. Had the test set been a different sample of the same size, the score
would differ by about one standard error; two standard errors make a rough 95 % interval. When two models' scores
differ by less than their intervals, the difference is a tie, not a win.
"""

from typing import NamedTuple

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


class PairedDifference(NamedTuple):
    """Ours against a baseline on the same examples: see `paired_difference`."""

    mean: float  # mean of (ours − baseline) over the examples
    spread: float  # two standard errors of that mean: a difference inside it is a tie
    n_higher: int  # examples on which ours is higher than the baseline
    n: int  # examples compared


def paired_difference(ours, baseline):
    """The mean of per-example differences `ours − baseline`, with its spread: the paired comparison.

    Two methods scored on the same examples (the same photos, say) are compared through their per-example
    differences: what makes one photo hard makes it hard for both, so the differences spread far less than either
    score, and the comparison is sharper than two separate intervals.

    Args:
        ours, baseline: 1-D array-likes of the same length (at least 2), one finite score per example, in the same
            example order.

    Returns:
        A `PairedDifference(mean, spread, n_higher, n)`: the mean difference, two standard errors of it, the number
        of examples on which `ours` is higher, and the number of examples.
    """
    ours, baseline = np.asarray(ours, dtype=np.float64), np.asarray(baseline, dtype=np.float64)
    if ours.ndim != 1 or ours.shape != baseline.shape:
        raise ValueError(f"ours and baseline must be 1-D and of one length (one score per example each), got shapes "
                         f"{ours.shape} and {baseline.shape}.")
    differences = ours - baseline
    return PairedDifference(float(differences.mean()), two_standard_errors(differences),
                            int(np.sum(differences > 0)), len(differences))


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


def bootstrap_two_standard_errors(statistic, *arrays, n_resamples=200, seed=0, strata=None):
    """Twice the bootstrap standard error of `statistic(*arrays)`, for scores that are not a mean (AUROC, AUPRC).

    The rows of `arrays` (the examples) are drawn with replacement `n_resamples` times; with `strata` (one label per
    row, e.g. normal / anomaly) each stratum is resampled apart, so every resample keeps both classes in their
    original numbers. Pass a difference of two detectors' scores on the same rows as `statistic` for a paired spread.

    Args:
        statistic: a function of the resampled arrays returning a number, e.g. `utils.anomaly.auroc`.
        *arrays: arrays with one first dimension (the examples).
        n_resamples: bootstrap resamples, at least 20.
        seed: seed of the resampling.
        strata: optional 1-D labels, one per row.

    Returns:
        `2 · std` of the statistic over the resamples, a float.
    """
    if not callable(statistic):
        raise ValueError(f"statistic must be a function of the arrays, got {statistic!r}.")
    if not arrays:
        raise ValueError("bootstrap_two_standard_errors needs at least one array to resample.")
    arrays = [np.asarray(array) for array in arrays]
    n = len(arrays[0])
    if n < 2 or any(array.ndim == 0 or len(array) != n for array in arrays):
        raise ValueError(f"arrays must share one first dimension of at least 2 rows, got shapes "
                         f"{[array.shape for array in arrays]}.")
    n_resamples = validation.positive_int(n_resamples, "n_resamples")
    if n_resamples < 20:
        raise ValueError(f"n_resamples must be at least 20 for a usable spread, got {n_resamples}.")
    seed = validation.non_negative_int(seed, "seed")
    groups = [np.arange(n)]
    if strata is not None:
        strata = np.asarray(strata)
        if strata.shape != (n,):
            raise ValueError(f"strata needs one label per row, shape ({n},), got {strata.shape}.")
        groups = [np.flatnonzero(strata == value) for value in np.unique(strata)]
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n_resamples):
        rows = np.concatenate([rng.choice(group, size=len(group), replace=True) for group in groups])
        values.append(float(statistic(*(array[rows] for array in arrays))))
    return float(2 * np.std(values, ddof=1))

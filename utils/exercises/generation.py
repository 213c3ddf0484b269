"""Checks for the exercises of notebook 20 (data generation).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, verdict
from utils.sample_quality import precision_recall

SAMPLES = 100_000


def _correlated_codes(seed=20):
    """500 codes in 3-D with a mean far from 0 and strongly correlated units, as an autoencoder's codes are."""
    rng = np.random.default_rng(seed)
    mixing = np.array([[2.0, 0.0, 0.0], [1.8, 0.6, 0.0], [-0.5, 0.4, 0.3]])
    return rng.normal(size=(500, 3)) @ mixing.T + np.array([3.0, -1.0, 0.5])


def check_gaussian_sampler(candidate):
    """Exercise 1: `candidate(codes, n, rng)` returns `n` new codes drawn from one Gaussian fitted to `codes`
    (its mean and full covariance), using the NumPy generator `rng`."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_gaussian_sampler and pass its name.")
    codes = _correlated_codes()
    answer, failed = call_learner(candidate, "my_gaussian_sampler", (codes.copy(), SAMPLES,
                                                                     np.random.default_rng(0)), 1)
    if failed is not None:
        return failed
    if answer.shape != (SAMPLES, codes.shape[1]):
        return verdict(False, f"asked for {SAMPLES:,} codes of {codes.shape[1]} numbers, got shape {answer.shape}.")
    if np.isin(answer.view([("", answer.dtype)] * 3), codes.view([("", codes.dtype)] * 3)).mean() > 0.5:
        return verdict(False, "most of your samples are training codes themselves: resampling the training set "
                              "generates nothing new. Draw from the fitted Gaussian.")
    mean, covariance = codes.mean(axis=0), np.cov(codes, rowvar=False)
    sample_mean, sample_covariance = answer.mean(axis=0), np.cov(answer, rowvar=False)
    scale = np.sqrt(np.diag(covariance))
    if np.allclose(sample_mean, 0, atol=0.05) and np.allclose(sample_covariance, np.eye(3), atol=0.05):
        return verdict(False, "those are draws from the prior N(0, I). A plain autoencoder's codes were never "
                              "pushed towards N(0, I): fit the Gaussian to the codes.")
    if np.any(np.abs(sample_mean - mean) > 0.05 * scale):
        return verdict(False, f"the samples' mean is {np.round(sample_mean, 2)}, the codes' is {np.round(mean, 2)}.")
    off_diagonal = ~np.eye(3, dtype=bool)
    tolerance = 0.05 * np.outer(scale, scale)
    if np.all(np.abs(sample_covariance[off_diagonal]) < tolerance[off_diagonal]):
        return verdict(False, "your samples' units are uncorrelated, but the codes' are strongly correlated: a "
                              "diagonal covariance (one Gaussian per unit) puts samples where no code ever was. Use "
                              "the full covariance matrix, np.cov(codes, rowvar=False).")
    if np.any(np.abs(sample_covariance - covariance) > tolerance):
        return verdict(False, f"the samples' covariance\n{np.round(sample_covariance, 2)}\ndiffers from the codes'"
                              f"\n{np.round(covariance, 2)}.")
    again, failed = call_learner(candidate, "my_gaussian_sampler", (codes.copy(), 10, np.random.default_rng(1)), 2)
    if failed is not None:
        return failed
    repeat, _ = call_learner(candidate, "my_gaussian_sampler", (codes.copy(), 10, np.random.default_rng(1)), 3)
    if repeat is None or not np.array_equal(again, repeat):
        return verdict(False, "two calls with generators seeded alike gave different samples: draw with the `rng` "
                              "you are given, not with np.random.")
    return verdict(True, "my_gaussian_sampler draws from the codes' own Gaussian, correlations included.")


def _precision_examples(seed=21):
    """(real, generated, k) triples where precision, recall and the usual slips all differ."""
    rng = np.random.default_rng(seed)
    real = rng.normal(size=(300, 2))
    shifted = rng.normal(size=(200, 2)) * 0.6 + np.array([1.5, 0.0])
    spread_out = rng.normal(size=(250, 3)) * 1.8
    return [(real, shifted, 3), (rng.normal(size=(250, 3)), spread_out, 5), (real, shifted, 1)]


def _radii(values, k, include_self=False):
    from sklearn.neighbors import NearestNeighbors

    if include_self:
        return NearestNeighbors(n_neighbors=k).fit(values).kneighbors(values)[0][:, -1]
    return NearestNeighbors(n_neighbors=k).fit(values).kneighbors()[0][:, -1]


def _covered(points, centres, radii):
    distances = np.linalg.norm(points[:, None] - centres[None], axis=-1)
    return float(np.mean(np.any(distances <= radii[None], axis=1)))


def check_precision(candidate):
    """Exercise 2: `candidate(real, generated, k)` is the improved precision of Kynkäänniemi et al. (2019): the
    share of generated points that lie inside at least one ball around a real point, each ball reaching to that
    real point's k-th nearest *other* real point."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_precision and pass its name.")
    for number, (real, generated, k) in enumerate(_precision_examples(), start=1):
        answer, failed = call_learner(candidate, "my_precision", (real.copy(), generated.copy(), k), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_precision returned an array of shape {answer.shape}; return one number.")
        expected, recall = precision_recall(real, generated, k=k)
        mistakes = {
            "each real point counted itself as its own nearest neighbour, so every ball is one neighbour too "
            "small (with k = 1 its radius is 0). Call kneighbors() without arguments, or ask for k + 1 and take "
            "the last.": _covered(generated, real, _radii(real, k, include_self=True)),
            "that is the recall: the share of *real* points inside the balls around the generated ones. Precision "
            "asks whether the generated points are realistic: put the balls around the real points.": recall,
        }
        wrong = known_mistake(answer, mistakes, expected=expected, rtol=1e-9)
        if wrong is not None:
            return wrong
        if not np.isclose(answer, expected, rtol=1e-9):
            return verdict(False, f"on example {number} (k = {k}) you have {float(answer):.4f}, expected "
                                  f"{expected:.4f}.")
    return verdict(True, "my_precision asks of every generated point whether it falls inside the real data's balls.")

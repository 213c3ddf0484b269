"""Checks for the exercises of notebook 18 (colorization).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, verdict


def _image_examples(seed=18):
    """RGB images in [0, 1]: random colours, a gray one (colourfulness 0), and a reddish one (a large mean term)."""
    rng = np.random.default_rng(seed)
    colourful = rng.random((48, 64, 3))
    gray = np.repeat(rng.random((40, 40, 1)), 3, axis=-1)
    reddish = np.clip(np.stack([0.7 + 0.2 * rng.random((32, 48)), 0.3 * rng.random((32, 48)),
                                0.2 + 0.3 * rng.random((32, 48))], axis=-1), 0, 1)
    return [colourful, gray, reddish]


def _colourfulness(rgb, scale=255.0, mean_weight=0.3, half=0.5, root=True):
    red, green, blue = np.moveaxis(scale * np.asarray(rgb, dtype=np.float64), -1, 0)
    rg, yb = red - green, half * (red + green) - blue
    spread = np.hypot(rg.std(), yb.std()) if root else rg.std() + yb.std()
    return spread + mean_weight * np.hypot(rg.mean(), yb.mean())


def check_colourfulness(candidate):
    """Exercise 1: `candidate(rgb)` is the colourfulness M of Hasler & Süsstrunk (2003) of an RGB image in [0, 1]:
    rg = R - G, yb = (R + G) / 2 - B on the 0-255 scale, M = sqrt(σ_rg² + σ_yb²) + 0.3 sqrt(μ_rg² + μ_yb²)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_colourfulness and pass its name.")
    for number, rgb in enumerate(_image_examples(), start=1):
        answer, failed = call_learner(candidate, "my_colourfulness", (rgb.copy(),), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_colourfulness returned shape {answer.shape}; return one number for the image.")
        expected = _colourfulness(rgb)
        mistakes = {
            "that is the value on the 0-1 scale: the metric is defined on 0-255 values, so multiply the image by 255 "
            "first (M scales with it).": _colourfulness(rgb, scale=1.0),
            "the mean term is missing: add 0.3 · sqrt(μ_rg² + μ_yb²), which counts an overall colour cast.":
                _colourfulness(rgb, mean_weight=0.0),
            "the two standard deviations are added; the metric takes the root of the sum of their squares, "
            "sqrt(σ_rg² + σ_yb²).": _colourfulness(rgb, root=False),
            "yb is ½(R + G) − B: the half is missing.": _colourfulness(rgb, half=1.0),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-3)
        if mistake is not None:
            return mistake
        if not np.isclose(answer, expected, rtol=1e-3):
            return verdict(False, f"on example {number} you have {float(answer):.5g}, expected {expected:.5g}. "
                                  "Check rg = R − G, yb = ½(R + G) − B on the 0-255 scale, the standard deviations "
                                  "and means over all pixels, and the weight 0.3.")
    return verdict(True, "my_colourfulness is right: a random image, a gray one (M = 0) and one with a red cast.")


def _priors(seed=18):
    """(prior, λ) pairs: skewed priors over 12 and 40 bins (one bin nearly empty), with λ = 0.5, 0.3 and 1."""
    rng = np.random.default_rng(seed)
    examples = []
    for size, lam in ((12, 0.5), (40, 0.3), (40, 1.0)):
        prior = rng.gamma(0.5, size=size) + 1e-6
        prior[0] = 30 * prior.max()  # one dominant, near-gray bin
        examples.append((prior / prior.sum(), lam))
    return examples


def _weights(prior, lam, invert=True, uniform_term=True, normalise="expected"):
    mixture = (1 - lam) * prior + (lam / len(prior) if uniform_term else lam)
    weights = 1.0 / mixture if invert else mixture
    if normalise == "expected":
        return weights / (prior * weights).sum()
    if normalise == "sum":
        return weights / weights.sum()
    return weights


def check_rebalancing_weights(candidate):
    """Exercise 2: `candidate(prior, lam)` returns Zhang et al.'s weights, w_q ∝ ((1 − λ) p̃_q + λ/Q)⁻¹ normalised so
    that Σ_q p̃_q w_q = 1 (shape (Q,))."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_rebalancing_weights and pass its "
                              "name.")
    for number, (prior, lam) in enumerate(_priors(), start=1):
        answer, failed = call_learner(candidate, "my_rebalancing_weights", (prior.copy(), lam), number)
        if failed is not None:
            return failed
        if answer.shape != prior.shape:
            return verdict(False, f"my_rebalancing_weights returned shape {answer.shape}; return one weight per bin, "
                                  f"shape {prior.shape}.")
        expected = _weights(prior, lam)
        mistakes = {
            "the weights are not normalised: divide them by Σ_q p̃_q w_q, so that a training pixel's expected "
            "weight is 1 and the loss keeps its scale.": _weights(prior, lam, normalise=None),
            "the weights sum to 1; the normalisation is Σ_q p̃_q w_q = 1 (the expected weight of a pixel), not Σ_q w_q "
            "= 1.": _weights(prior, lam, normalise="sum"),
            "λ and 1 − λ are swapped: λ weighs the uniform distribution 1/Q, (1 − λ) the prior.":
                _weights(prior, 1 - lam),
            "the uniform term is λ/Q (the uniform distribution over the Q bins, mixed in with weight λ), not λ.":
                _weights(prior, lam, uniform_term=False),
            "the mixture is not inverted: a common bin must get a *small* weight, w ∝ 1 / ((1 − λ) p̃ + λ/Q).":
                _weights(prior, lam, invert=False),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-4)
        if mistake is not None:
            return mistake
        if not np.allclose(answer, expected, rtol=1e-4):
            worst = int(np.argmax(np.abs(answer - expected)))
            return verdict(False, f"on example {number} (λ = {lam}), bin {worst}: you have {answer[worst]:.5g}, "
                                  f"expected {expected[worst]:.5g}.")
    return verdict(True, "my_rebalancing_weights is right, for λ = 0.5, 0.3 and 1 (no rebalancing: all weights 1).")

"""Checks for the exercises of notebook 04 (sparse autoencoders).

Each check computes its own reference, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, verdict


def _code_examples(seed=4):
    """(codes, threshold) pairs where inputs activate different numbers of units (so per-unit ≠ per-input views)."""
    rng = np.random.default_rng(seed)
    skewed = rng.uniform(0, 0.2, (30, 12))
    skewed[:, :3] = rng.uniform(0.3, 1.0, (30, 3))  # three busy units
    skewed[:5] = rng.uniform(0.5, 1.0, (5, 12))  # five inputs that activate everything
    at_threshold = np.array([[0.5, 0.5, 0.9, 0.0], [0.5, 0.1, 0.2, 0.7], [0.0, 0.0, 0.0, 0.0]])
    return [(skewed, 0.1), (skewed, 0.5), (at_threshold, 0.5), (rng.uniform(0, 1, (7, 9)), 0.25)]


def check_fraction_active(candidate):
    """Exercise 1: `candidate(codes, threshold)` is the fraction of units above `threshold` per input, averaged
    over inputs: one number for codes of shape (inputs, units)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define fraction_active and pass its name.")
    for number, (codes, threshold) in enumerate(_code_examples(), start=1):
        answer, failed = call_learner(candidate, "fraction_active", (codes, threshold), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"fraction_active returned shape {answer.shape}: one fraction per input or per "
                                  "unit. Average those over the inputs to get one number.")
        expected = float(np.mean(codes > threshold))
        if np.isclose(answer, float(np.mean(codes)), rtol=1e-6) and not np.isclose(answer, expected):
            return verdict(False, "that is the mean activation, not the fraction active: compare each activation "
                                  "with `threshold` first (`codes > threshold`).")
        if np.isclose(answer, float(np.mean(codes >= threshold)), rtol=1e-9) and not np.isclose(answer, expected):
            return verdict(False, "an activation equal to the threshold is not above it: use `>`, not `>=`.")
        if np.isclose(answer, float(np.mean(codes.max(axis=0) > threshold)), rtol=1e-9) and not np.isclose(
                answer, expected):
            return verdict(False, "that is the fraction of units active on *some* input (live units); the "
                                  "exercise asks how many units each input activates, averaged over inputs.")
        if not np.isclose(answer, expected, rtol=1e-9):
            return verdict(False, f"on example {number} (threshold {threshold}) you have {float(answer):.4f}, "
                                  f"expected {expected:.4f}.")
    return verdict(True, "fraction_active is right on four sets of codes and thresholds.")


def check_kl_per_unit(candidate):
    """Exercise 2: `candidate(rho, unit_means)` returns KL(rho ‖ rho_hat_j) for each entry of `unit_means`."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define kl_per_unit and pass its name.")
    examples = [(0.05, np.array([0.05, 0.01, 0.2, 0.5])), (0.1, np.array([0.3, 0.1])), (0.3, np.array([0.9]))]
    for number, (rho, means) in enumerate(examples, start=1):
        answer, failed = call_learner(candidate, "kl_per_unit", (rho, means.copy()), number)
        if failed is not None:
            return failed
        expected = rho * np.log(rho / means) + (1 - rho) * np.log((1 - rho) / (1 - means))
        if answer.shape != expected.shape:
            return verdict(False, f"kl_per_unit returned shape {answer.shape} for {len(means)} units; expected "
                                  f"{expected.shape}: one divergence per unit, not their sum.")
        swapped = means * np.log(means / rho) + (1 - means) * np.log((1 - means) / (1 - rho))
        if np.allclose(answer, swapped, rtol=1e-6) and not np.allclose(answer, expected, rtol=1e-6):
            return verdict(False, "that is KL(ρ̂_j ‖ ρ), the divergence the other way round. KL is not symmetric: "
                                  "the target ρ plays the role of the first coin.")
        first_term = rho * np.log(rho / means)
        if np.allclose(answer, first_term, rtol=1e-6) and not np.allclose(answer, expected, rtol=1e-6):
            return verdict(False, "only the first term is there: add (1 − ρ) · log((1 − ρ) / (1 − ρ̂_j)), the "
                                  "'off' side of the coin.")
        if not np.allclose(answer, expected, rtol=1e-6, atol=1e-12):
            return verdict(False, f"on example {number} (ρ = {rho}) you have {np.round(answer, 5)}, expected "
                                  f"{np.round(expected, 5)}.")
    return verdict(True, "kl_per_unit matches the divergence on three targets, and is zero where ρ̂_j = ρ.")

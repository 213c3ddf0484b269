"""Checks for the exercises of notebook 06 (contractive autoencoders).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, one_number, verdict

TINY_KERNEL = (3.0, -4.0)
TINY_CODE = 0.5


def check_tiny_jacobian(answer):
    """Exercise 1: ‖J_f(x)‖²_F of a one-unit sigmoid encoder with kernel `TINY_KERNEL` where its code is `TINY_CODE`."""
    answer, failed = one_number(answer, "tiny_jacobian_sq_norm")
    if failed is not None:
        return failed
    slope = TINY_CODE * (1 - TINY_CODE)  # the sigmoid's derivative, written with its output
    squared_weights = sum(w * w for w in TINY_KERNEL)
    expected = slope**2 * squared_weights
    mistakes = {
        "the sigmoid's slope h(1 − h) enters squared: each Jacobian entry is h(1 − h) · W_i, and the norm squares "
        "every entry.": slope * squared_weights,
        "that is the Frobenius norm; the penalty is its square.": np.sqrt(expected),
        "the weights are squared one by one before summing (3² + (−4)²), not summed first.":
            slope**2 * sum(TINY_KERNEL) ** 2,
    }
    mistake = known_mistake(answer, mistakes, rtol=1e-4)
    if mistake is not None:
        return mistake
    if not np.isclose(answer, expected, rtol=1e-4):
        return verdict(False, f"you have {answer:.6g}. Write the Jacobian of h = σ(W·x + b) entry by entry, then "
                              "add up the squares of its entries.")
    return verdict(True, f"‖J‖²_F = {expected:g}: (h(1 − h))² · Σ W_i².")


def _tanh_examples(seed=6):
    """(codes, kernel) pairs: codes (batch, units) in (−1, 1), kernel (inputs, units)."""
    rng = np.random.default_rng(seed)
    return [(np.tanh(rng.normal(size=(3, 4))), rng.normal(size=(4, 4))),  # square: catches the wrong axis
            (np.tanh(rng.normal(size=(4, 3))), rng.normal(size=(5, 3))),
            (np.tanh(rng.normal(size=(2, 6))), rng.normal(size=(7, 6)))]


def check_tanh_jacobian(candidate):
    """Exercise 2: `candidate(codes, kernel)` is ‖J_f(x)‖²_F per example for a tanh encoder h = tanh(xW + b):
    codes (batch, units), kernel (inputs, units) → (batch,)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define tanh_jacobian_sq_norm and pass its "
                              "name.")
    for number, (codes, kernel) in enumerate(_tanh_examples(), start=1):
        answer, failed = call_learner(candidate, "tanh_jacobian_sq_norm", (codes.copy(), kernel.copy()), number)
        if failed is not None:
            return failed
        column_norms = np.sum(kernel**2, axis=0)  # ‖W_j‖² for each code unit j
        expected = np.sum((1 - codes**2) ** 2 * column_norms, axis=-1)
        if answer.shape != expected.shape:
            hint = ("one number for the whole batch: keep one value per example (sum over the code units only)"
                    if answer.ndim == 0 else f"expected one value per example, shape {expected.shape}")
            return verdict(False, f"tanh_jacobian_sq_norm returned shape {answer.shape}: {hint}.")
        mistakes = {
            "that is the sigmoid's slope h(1 − h); for tanh the slope is 1 − h².":
                np.sum((codes * (1 - codes)) ** 2 * column_norms, axis=-1),
            "the slope 1 − h² enters squared, as every Jacobian entry is squared.":
                np.sum((1 - codes**2) * column_norms, axis=-1),
        }
        if kernel.shape[0] == kernel.shape[1]:
            mistakes["the kernel's squares are summed over its inputs (axis 0), one total per code unit."] = np.sum(
                (1 - codes**2) ** 2 * np.sum(kernel**2, axis=1), axis=-1)
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-5)
        if mistake is not None:
            return mistake
        if not np.allclose(answer, expected, rtol=1e-5):
            return verdict(False, f"on example {number} you have {np.round(answer, 4)}, expected "
                                  f"{np.round(expected, 4)}.")
    return verdict(True, "tanh_jacobian_sq_norm is right on three batches (and agrees with autodiff, see the "
                         "unit tests).")

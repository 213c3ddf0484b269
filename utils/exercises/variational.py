"""Checks for the exercises of notebook 09 (the variational autoencoder).

Each check holds its own reference answer, prints a kind verdict and returns a `Verdict`.
"""

import math

import numpy as np

from utils import validation
from utils.exercises.core import verdict

# Exercise 1: a 2-D posterior q = N(μ, diag σ²) with these parameters, against the prior N(0, I).
KL_EXERCISE_MEAN = (1.0, 0.0)
KL_EXERCISE_VARIANCE = (1.0, 4.0)


def _kl_terms(mean, variance):
    mean, variance = np.asarray(mean, dtype=np.float64), np.asarray(variance, dtype=np.float64)
    return 0.5 * (variance + mean**2 - 1.0 - np.log(variance))


def check_kl_answer(answer):
    """Exercise 1: KL(N(μ, diag σ²) ‖ N(0, I)) in nats for μ = (1, 0), σ² = (1, 4)."""
    name = "kl_answer"
    if answer is None:
        return verdict(False, f"{name} is still None. Replace it with your result (a number of nats).")
    try:
        answer = float(np.asarray(answer, dtype=np.float64))
    except (TypeError, ValueError):
        return verdict(False, f"{name} should be one number (the KL summed over both dimensions), got "
                              f"{type(answer).__name__}.")
    terms = _kl_terms(KL_EXERCISE_MEAN, KL_EXERCISE_VARIANCE)
    expected = float(terms.sum())
    if math.isclose(answer, expected, rel_tol=1e-3):
        return verdict(True, f"{name} = {answer:.4f} nats is right: {terms[0]:.4f} from the first dimension "
                              f"(its mean is off centre) and {terms[1]:.4f} from the second (its variance is 4).")
    log10_terms = 0.5 * (np.asarray(KL_EXERCISE_VARIANCE) + np.asarray(KL_EXERCISE_MEAN) ** 2 - 1.0
                         - np.log10(KL_EXERCISE_VARIANCE))
    standard_deviations = np.sqrt(KL_EXERCISE_VARIANCE)
    slips = [
        (2 * expected, "is twice the KL: did you forget the factor ½?"),
        (float(log10_terms.sum()), "uses a base-10 logarithm; nats need the natural log (np.log)."),
        # With these numbers, reading (1, 4) as standard deviations gives exactly the mean of the two true terms.
        (float(_kl_terms(KL_EXERCISE_MEAN, standard_deviations).sum()),
         "is half the KL: either (1, 4) were read as standard deviations σ (they are the variances σ², so σ₂ = 2), "
         "or the two dimensions' terms were averaged (the KL is their sum)."),
        (float(terms[0]), "is only the first dimension's term: the KL of a diagonal Gaussian sums over dimensions."),
        (float(terms[1]), "is only the second dimension's term: the KL of a diagonal Gaussian sums over dimensions."),
    ]
    for value, message in slips:
        if math.isclose(answer, value, rel_tol=1e-3):
            return verdict(False, f"{name} = {answer:.4f} {message}")
    return verdict(False, f"{name} = {answer:.4f} is not right. Per dimension the KL is "
                          "½ (σ² + μ² − 1 − log σ²) with the natural logarithm; add the two dimensions.")


def _reference_log_mean_exp(log_weights):
    top = log_weights.max(axis=0)
    return top + np.log(np.mean(np.exp(log_weights - top), axis=0))


def _log_mean_exp_examples():
    rng = np.random.default_rng(5)
    return [("small log-weights", rng.normal(size=(5, 3))),
            ("log-weights around −100, k = 200", rng.normal(-100.0, 3.0, size=(200, 4))),
            ("log-weights of −1000, where np.exp underflows", np.array([[-1000.0, 0.0], [-1001.0, 1.0]])),
            ("one sample (k = 1)", np.array([[-3.0, -700.0, 2.0]]))]


def check_log_mean_exp(candidate):
    """Exercise 2: `candidate(log_weights)` returns log(mean_i exp(log_weights[i])) per column, stably.

    It is called on (k, n) arrays of log-weights, some so negative that `np.exp` underflows to 0.
    """
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define log_mean_exp with `def` and pass it.")
    for description, log_weights in _log_mean_exp_examples():
        expected = _reference_log_mean_exp(log_weights)
        try:
            with np.errstate(all="ignore"):
                answer = candidate(log_weights.copy())
        except Exception as error:  # the learner's code may fail in any way; say how, kindly
            return verdict(False, f"log_mean_exp raised {type(error).__name__}: {error} on {description}.")
        if answer is None:
            return verdict(False, "log_mean_exp returned None. Did you forget `return`?")
        try:
            answer = np.asarray(answer, dtype=np.float64)
        except (TypeError, ValueError):
            return verdict(False, f"log_mean_exp should return numbers, got {type(answer).__name__}.")
        if answer.shape != expected.shape:
            return verdict(False, f"log_mean_exp returned shape {answer.shape} for log-weights of shape "
                                  f"{log_weights.shape}; expected {expected.shape}, one value per column: average "
                                  "over axis 0, the k samples.")
        if not np.all(np.isfinite(answer)):
            return verdict(False, f"log_mean_exp returned -inf or nan on {description}: np.exp underflowed. "
                                  "Subtract the maximum over axis 0 before exponentiating, and add it back after.")
        if np.allclose(answer, expected + math.log(len(log_weights)), rtol=1e-6, atol=1e-6) and len(log_weights) > 1:
            return verdict(False, f"log_mean_exp is a log-*sum*-exp on {description}: divide by k (subtract "
                                  "log k) to get the log of the mean.")
        if not np.allclose(answer, expected, rtol=1e-6, atol=1e-6):
            gap = float(np.max(np.abs(answer - expected)))
            return verdict(False, f"log_mean_exp differs from log(mean(exp(·))) on {description} (largest gap "
                                  f"{gap:.3g}). With m the maximum over axis 0: m + log(mean(exp(w − m))).")
    return verdict(True, "log_mean_exp is right and stable, down to log-weights of −1000.")


def reference_warmup_beta(epoch, warmup_epochs):
    """β of a linear KL warm-up: 0 at epoch 0, rising by 1/warmup_epochs per epoch, then 1."""
    return min(1.0, epoch / warmup_epochs)


def check_warmup_beta(candidate, warmup_epochs=10, epochs=40):
    """Exercise 3: `candidate(epoch)` (0-based) gives β for a linear warm-up from 0 to 1 over `warmup_epochs`."""
    warmup_epochs = validation.positive_int(warmup_epochs, "warmup_epochs")
    epochs = validation.positive_int(epochs, "epochs")
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define warmup_beta(epoch) with `def`.")
    answers = []
    for epoch in range(epochs):
        try:
            value = candidate(epoch)
        except Exception as error:  # the learner's code may fail in any way; say how, kindly
            return verdict(False, f"warmup_beta raised {type(error).__name__}: {error} at epoch {epoch}.")
        if value is None:
            return verdict(False, f"warmup_beta returned None at epoch {epoch}. Did you forget `return`?")
        try:
            answers.append(float(np.asarray(value, dtype=np.float64)))
        except (TypeError, ValueError):
            return verdict(False, f"warmup_beta should return one number, got {type(value).__name__}.")
    answers = np.array(answers)
    expected = np.array([reference_warmup_beta(epoch, warmup_epochs) for epoch in range(epochs)])
    if np.allclose(answers, expected, atol=1e-6):
        return verdict(True, f"warmup_beta rises from 0 to 1 over the first {warmup_epochs} epochs, then stays 1.")
    if np.any(answers > 1.0 + 1e-6):
        worst = int(np.argmax(answers))
        return verdict(False, f"warmup_beta({worst}) = {answers[worst]:.3g}: β must stop at 1 once the warm-up is "
                              "over (clip it), or the model trains on a β-VAE objective, not the ELBO.")
    if abs(answers[0]) > 1e-6:
        return verdict(False, f"warmup_beta(0) = {answers[0]:.3g}; the first epoch (epoch 0, Keras counts from 0) "
                              "should train with β = 0.")
    worst = int(np.argmax(np.abs(answers - expected)))
    return verdict(False, f"warmup_beta({worst}) = {answers[worst]:.3g}, expected {expected[worst]:.3g}: β should "
                          f"grow by 1/{warmup_epochs} per epoch from 0 and reach 1 at epoch {warmup_epochs}.")

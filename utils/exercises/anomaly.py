"""Checks for the exercises of notebook 12 (anomaly detection on heartbeats).

Each check builds its own examples and reference answer (from `utils.anomaly`), prints a kind verdict and returns a
`Verdict`.
"""

import numpy as np

from utils.anomaly import summary_at_threshold, threshold_at_false_alarm_rate
from utils.exercises.core import call_learner, verdict


def _normal_score_sets(seed=12):
    """Validation-like normal scores: skewed (as reconstruction errors are), sizes whose 5 % is not whole."""
    rng = np.random.default_rng(seed)
    return [rng.lognormal(mean=-3.0, sigma=0.5, size=size) for size in (200, 30, 267)]


def check_threshold(candidate):
    """Exercise 1: `candidate(normal_scores, false_alarm_rate)` returns a threshold that flags (score > threshold)
    as many normal scores as the rate allows, ⌊rate · n⌋, and no more (one fewer is accepted: quantile conventions
    differ by one score)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_threshold and pass its name.")
    rates = (0.05, 0.01, 0.2)
    for number, scores in enumerate(_normal_score_sets(), start=1):
        answers = []
        for rate in rates:
            answer, failed = call_learner(candidate, "my_threshold", (scores.copy(), rate), number)
            if failed is not None:
                return failed
            if answer.ndim != 0:
                return verdict(False, f"my_threshold returned shape {answer.shape}; a threshold is one number.")
            answers.append(float(answer))
        for rate, answer in zip(rates, answers, strict=True):
            allowed = int(np.floor(rate * len(scores) + 1e-9))
            flagged = int(np.sum(scores > answer))
            if max(allowed - 1, 0) <= flagged <= allowed:
                continue
            rate_text = f"at a false-alarm rate of {rate:.0%}, {len(scores)} normal scores"
            if flagged > 0.5 * len(scores):
                return verdict(False, f"{rate_text}: your threshold flags {flagged} of them. It looks like the "
                                      f"{rate:.0%} quantile; the threshold is the (1 − rate) quantile, with only "
                                      "the top scores above it.")
            if flagged == 0 and allowed > 0:
                return verdict(False, f"{rate_text}: your threshold flags none of them (the maximum?). That is "
                                      f"safe but too strict: {allowed} may be flagged, and a lower threshold "
                                      "catches more anomalies.")
            if len(set(answers)) == 1:
                return verdict(False, f"{rate_text}: your threshold flags {flagged}, and it is the same for every "
                                      "rate (a mean + k·std?). It must come from the rate: the (1 − rate) quantile "
                                      "of the normal scores.")
            if flagged > allowed:
                return verdict(False, f"{rate_text}: your threshold flags {flagged}, more than the {allowed} the "
                                      "rate allows. np.quantile interpolates between two scores by default and can "
                                      "land below one that should stay under the threshold; sort the scores and "
                                      "pick one, or use method='higher'.")
            return verdict(False, f"{rate_text}: your threshold flags {flagged}; {allowed} (⌊rate · n⌋) "
                                  "may lie above it: take the (1 − rate) quantile of the normal scores.")
    expected = threshold_at_false_alarm_rate(_normal_score_sets()[0], 0.05)
    return verdict(True, f"my_threshold flags the allowed share on 9 cases (e.g. {expected:.4f} for 200 scores "
                         "at 5 %).")


def _labelled_examples(seed=13):
    """(labels, scores, threshold) triples, anomalies (1) rarer than normal examples (0), no score on a threshold."""
    rng = np.random.default_rng(seed)
    examples = []
    for n_normal, n_anomaly, threshold in ((60, 20, 0.5), (90, 10, 0.8), (40, 40, 0.3)):
        labels = np.r_[np.zeros(n_normal, int), np.ones(n_anomaly, int)]
        scores = np.r_[rng.uniform(0.0, 1.0, n_normal), rng.uniform(0.25, 1.5, n_anomaly)]
        scores[np.isclose(scores, threshold)] += 1e-3
        examples.append((labels, scores, threshold))
    return examples


def check_precision_recall(candidate):
    """Exercise 2: `candidate(labels, scores, threshold)` returns `(precision, recall)` of the alarms
    (score > threshold), the **anomaly** (label 1) being the positive class."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_precision_recall and pass its "
                              "name.")
    for number, (labels, scores, threshold) in enumerate(_labelled_examples(), start=1):
        answer, failed = call_learner(candidate, "my_precision_recall", (labels.copy(), scores.copy(), threshold),
                                      number)
        if failed is not None:
            return failed
        if answer.shape != (2,):
            return verdict(False, f"my_precision_recall returned shape {answer.shape}; return two numbers, "
                                  "(precision, recall).")
        summary = summary_at_threshold(labels, scores, threshold)
        expected = np.array([summary["precision"], summary["recall"]])
        if np.allclose(answer, expected, atol=1e-9):
            continue
        normal_alarms = scores <= threshold  # "predicted normal", the tutorial's positive class
        normal = labels == 0
        normal_class = np.array([np.sum(normal_alarms & normal) / np.sum(normal_alarms),
                                 np.sum(normal_alarms & normal) / np.sum(normal)])
        mistakes = {
            "those are precision and recall of the *normal* class (the TensorFlow tutorial's numbers). Here an "
            "alarm (score > threshold) is the positive prediction and an anomaly (label 1) the positive class.":
                normal_class,
            "precision and recall are swapped: precision = caught anomalies / alarms, recall = caught anomalies / "
            "anomalies.": expected[::-1],
            "both numbers are the accuracy; precision and recall count only alarms and only anomalies.":
                np.full(2, summary["accuracy"]),
        }
        for message, value in mistakes.items():
            if np.allclose(answer, value, atol=1e-9):
                return verdict(False, message)
        return verdict(False, f"on example {number} you have precision {answer[0]:.4f}, recall {answer[1]:.4f}; "
                              f"expected {expected[0]:.4f} and {expected[1]:.4f}.")
    return verdict(True, "my_precision_recall agrees with scikit-learn on three labelled sets, anomalies positive.")

"""Checks for the exercises of notebook 11 (feature learning).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, verdict


def _contingency(labels, clusters):
    """Counts (n_clusters, n_classes): how many examples of each class fell in each cluster."""
    cluster_ids, cluster_index = np.unique(clusters, return_inverse=True)
    class_ids, class_index = np.unique(labels, return_inverse=True)
    counts = np.zeros((len(cluster_ids), len(class_ids)), dtype=np.int64)
    np.add.at(counts, (cluster_index, class_index), 1)
    return counts


def _matched_accuracy(labels, clusters, maximize=True):
    """The share of examples whose cluster is matched to their class, under the best one-to-one matching."""
    from scipy.optimize import linear_sum_assignment

    counts = _contingency(labels, clusters)
    rows, columns = linear_sum_assignment(counts, maximize=maximize)
    return counts[rows, columns].sum() / len(labels)


def _clustering_examples(seed=11):
    """(labels, cluster ids) pairs: a perfect clustering with renamed clusters, a noisy one in which two clusters
    share a majority class, and one with more clusters than classes."""
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(5), 40)
    renamed = np.array([0, 3, 4, 1, 2])[labels]
    noisy = renamed.copy()
    flip = rng.random(len(labels)) < 0.25
    noisy[flip] = rng.integers(0, 5, flip.sum())
    noisy[(labels == 1) & (rng.random(len(labels)) < 0.6)] = 3  # cluster 3 now holds most of classes 0 and 1
    three_classes = np.repeat(np.arange(3), 30)
    four_clusters = np.where(rng.random(90) < 0.2, 3, (three_classes + 1) % 3)
    order = rng.permutation(len(labels))
    return [(labels, renamed), (labels[order], noisy[order]), (three_classes, four_clusters)]


def check_cluster_accuracy(candidate):
    """Exercise 1: `candidate(labels, clusters)` is the clustering accuracy: the share of examples whose cluster is
    matched to their class under the best one-to-one matching of clusters to classes (a fraction in [0, 1])."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_cluster_accuracy and pass its name.")
    for number, (labels, clusters) in enumerate(_clustering_examples(), start=1):
        answer, failed = call_learner(candidate, "my_cluster_accuracy", (labels.copy(), clusters.copy()), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_cluster_accuracy returned shape {answer.shape}; return one number, the share "
                                  "of examples that land in their class's cluster.")
        expected = _matched_accuracy(labels, clusters)
        counts = _contingency(labels, clusters)
        mistakes = {
            "that compares cluster ids with labels directly. k-means numbers its clusters in no particular order "
            "(cluster 3 need not be class 3): match clusters to classes first, one to one "
            "(scipy.optimize.linear_sum_assignment on the cluster × class counts).": np.mean(labels == clusters),
            "that is the purity: each cluster takes its majority class, so two clusters can both claim the same "
            "class. The clustering accuracy matches clusters to classes one to one.":
                counts.max(axis=1).sum() / len(labels),
            "that is the *worst* matching: linear_sum_assignment minimises by default; pass maximize=True (or "
            "negate the counts).": _matched_accuracy(labels, clusters, maximize=False),
            "that is a count of examples; divide by their number to get a share.": float(expected * len(labels)),
        }
        mistake = known_mistake(answer, mistakes, expected)
        if mistake is not None:
            return mistake
        if not np.isclose(answer, expected, rtol=1e-6):
            return verdict(False, f"on example {number} you have {float(answer):.4g}, expected {expected:.4g}: the "
                                  "largest number of examples that a one-to-one matching of clusters to classes puts "
                                  "in their class, divided by the number of examples.")
    return verdict(True, "my_cluster_accuracy is right: renamed clusters, a cluster that swallows two classes, and "
                         "more clusters than classes.")


def _code_examples(seed=11):
    """(train_codes, test_codes) pairs shaped like ReLU codes: units of very different scales, one unit that is zero
    on every training example (a dead unit), and test codes drawn from a shifted distribution."""
    rng = np.random.default_rng(seed)
    examples = []
    for n_train, n_test, width in ((50, 20, 6), (200, 40, 12)):
        scales = np.geomspace(0.01, 20.0, width)
        train_codes = np.maximum(rng.normal(0.3, 1.0, (n_train, width)), 0.0) * scales
        test_codes = np.maximum(rng.normal(0.6, 1.2, (n_test, width)), 0.0) * scales
        train_codes[:, 1] = 0.0
        test_codes[:3, 1] = 0.5  # a dead unit in training may still fire on a new example
        examples.append((train_codes, test_codes))
    return examples


def _standardised(fit_on, codes, ddof=0, constant_scale=1.0):
    mean, std = fit_on.mean(axis=0), fit_on.std(axis=0, ddof=ddof)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (codes - mean) / np.where(std == 0, constant_scale, std)


def check_standardise(candidate):
    """Exercise 2: `candidate(train_codes, test_codes)` returns `(train_scaled, test_scaled)`, both standardised with
    the *training* codes' mean and standard deviation (ddof=0); a unit that is constant on the training codes is
    only centred (divided by 1), as scikit-learn's StandardScaler does."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_standardise and pass its name.")
    for number, (train_codes, test_codes) in enumerate(_code_examples(), start=1):
        try:
            answer = candidate(train_codes.copy(), test_codes.copy())
        except Exception as error:  # the learner's code may fail in any way; say how, kindly
            return verdict(False, f"my_standardise raised {type(error).__name__}: {error} on example {number}.")
        if answer is None:
            return verdict(False, f"my_standardise returned None on example {number}. Did you forget `return`?")
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            return verdict(False, "my_standardise should return two arrays, (train_scaled, test_scaled).")
        scaled = []
        for part, (name, value) in enumerate((("train_scaled", answer[0]), ("test_scaled", answer[1]))):
            array, failed = call_learner(lambda value=value: value, f"my_standardise's {name}", (), number)
            if failed is not None:
                return failed
            expected_shape = (train_codes, test_codes)[part].shape
            if array.shape != expected_shape:
                return verdict(False, f"{name} has shape {array.shape}; it should keep the codes' shape "
                                      f"{expected_shape}.")
            scaled.append(array)
        if not all(np.all(np.isfinite(array)) for array in scaled):
            return verdict(False, "your result holds NaN or infinite values. A ReLU unit that is 0 on every training "
                                  "code has standard deviation 0: divide it by 1 instead (it is only centred).")
        expected = (_standardised(train_codes, train_codes), _standardised(train_codes, test_codes))
        both = np.concatenate([train_codes, test_codes])
        mistakes = {
            "the test codes are scaled with their own mean and standard deviation. Use the training codes' statistics "
            "for both: a probe must treat a new example the same way, whatever else arrives with it.":
                np.concatenate([expected[0], _standardised(test_codes, test_codes)]),
            "the statistics come from the training and test codes together: the test codes must not shape the "
            "preprocessing. Use the training codes' mean and standard deviation only.":
                np.concatenate([_standardised(both, train_codes), _standardised(both, test_codes)]),
            "that uses the sample standard deviation (ddof=1); StandardScaler uses ddof=0, numpy's default.":
                np.concatenate([_standardised(train_codes, train_codes, ddof=1),
                                _standardised(train_codes, test_codes, ddof=1)]),
            "the codes are only centred: divide each unit by its training standard deviation too.":
                np.concatenate([train_codes - train_codes.mean(axis=0), test_codes - train_codes.mean(axis=0)]),
        }
        answer_both = np.concatenate(scaled)
        expected_both = np.concatenate(expected)
        for message, value in mistakes.items():
            finite = np.isfinite(value)
            if (np.allclose(answer_both[finite], value[finite], rtol=1e-5, atol=1e-8)
                    and not np.allclose(answer_both, expected_both, rtol=1e-5, atol=1e-8)):
                return verdict(False, message)
        if not np.allclose(answer_both, expected_both, rtol=1e-5, atol=1e-8):
            dead = np.allclose(np.delete(answer_both, 1, axis=1), np.delete(expected_both, 1, axis=1), rtol=1e-5,
                               atol=1e-8)
            if dead:
                return verdict(False, "every unit is right but the dead one (0 on all training codes): subtract its "
                                      "training mean (0) and divide by 1, so a test code that fires keeps its value.")
            worst = np.unravel_index(int(np.argmax(np.abs(answer_both - expected_both))), answer_both.shape)
            return verdict(False, f"on example {number}, at row {worst[0]}, unit {worst[1]} (train rows first, then "
                                  f"test) you have {answer_both[worst]:.4g}, expected {expected_both[worst]:.4g}.")
    return verdict(True, "my_standardise uses the training statistics for both splits and leaves a dead unit finite.")

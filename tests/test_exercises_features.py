import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import confusion_matrix
from sklearn.preprocessing import StandardScaler

from utils.exercises.features import check_cluster_accuracy, check_standardise


def cluster_accuracy(labels, clusters):
    counts = confusion_matrix(labels, clusters)
    rows, columns = linear_sum_assignment(counts, maximize=True)
    return counts[rows, columns].sum() / len(labels)


def cluster_accuracy_by_loops(labels, clusters):
    cluster_ids, class_ids = np.unique(clusters), np.unique(labels)
    counts = np.array([[np.sum((clusters == c) & (labels == k)) for k in class_ids] for c in cluster_ids])
    rows, columns = linear_sum_assignment(-counts)
    return counts[rows, columns].sum() / len(labels)


def purity(labels, clusters):
    return sum(np.bincount(labels[clusters == c]).max() for c in np.unique(clusters)) / len(labels)


def standardise(train_codes, test_codes):
    scaler = StandardScaler().fit(train_codes)
    return scaler.transform(train_codes), scaler.transform(test_codes)


def standardise_by_hand(train_codes, test_codes):
    mean, std = train_codes.mean(axis=0), train_codes.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    return (train_codes - mean) / std, (test_codes - mean) / std


@pytest.mark.parametrize("answer", [cluster_accuracy, cluster_accuracy_by_loops])
def test_cluster_accuracy_accepts_the_answer(answer):
    assert check_cluster_accuracy(answer)


@pytest.mark.parametrize("wrong, says", [
    (lambda labels, clusters: np.mean(labels == clusters), "directly"),
    (purity, "purity"),
    (lambda labels, clusters: (lambda counts: counts[linear_sum_assignment(counts)].sum() / len(labels))(
        confusion_matrix(labels, clusters)), "worst"),
    (lambda labels, clusters: cluster_accuracy(labels, clusters) * len(labels), "count"),
    (lambda labels, clusters: [cluster_accuracy(labels, clusters)] * 2, "one number"),
    (lambda labels, clusters: None, "None"),
])
def test_cluster_accuracy_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_cluster_accuracy(wrong)
    assert says in capsys.readouterr().out


@pytest.mark.parametrize("answer", [standardise, standardise_by_hand])
def test_standardise_accepts_the_answer(answer):
    assert check_standardise(answer)


def own_statistics(train_codes, test_codes):
    return standardise(train_codes, train_codes)[0], StandardScaler().fit_transform(test_codes)


def pooled(train_codes, test_codes):
    scaler = StandardScaler().fit(np.concatenate([train_codes, test_codes]))
    return scaler.transform(train_codes), scaler.transform(test_codes)


def naive_division(train_codes, test_codes):
    mean, std = train_codes.mean(axis=0), train_codes.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (train_codes - mean) / std, (test_codes - mean) / std


def sample_std(train_codes, test_codes):
    mean, std = train_codes.mean(axis=0), train_codes.std(axis=0, ddof=1)
    std = np.where(std > 0, std, 1.0)
    return (train_codes - mean) / std, (test_codes - mean) / std


def dead_unit_zeroed(train_codes, test_codes):
    train_scaled, test_scaled = standardise(train_codes, test_codes)
    test_scaled[:, train_codes.std(axis=0) == 0] = 0.0
    return train_scaled, test_scaled


@pytest.mark.parametrize("wrong, says", [
    (own_statistics, "their own mean"),
    (pooled, "together"),
    (naive_division, "NaN"),
    (sample_std, "ddof=1"),
    (lambda train, test: (train - train.mean(axis=0), test - train.mean(axis=0)), "only centred"),
    (dead_unit_zeroed, "dead one"),
    (lambda train, test: standardise(train, test)[1], "two arrays"),
    (lambda train, test: (standardise(train, test)[0][:-1], standardise(train, test)[1]), "shape"),
    (lambda train, test: None, "None"),
])
def test_standardise_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_standardise(wrong)
    assert says in capsys.readouterr().out

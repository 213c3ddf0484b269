import numpy as np
import pytest
from sklearn.manifold import trustworthiness
from sklearn.neighbors import NearestNeighbors

from utils.exercises.reduction import check_continuity, check_neighbour_recall


def continuity(points, embedding, k):
    return trustworthiness(embedding, points, n_neighbors=k)


def continuity_by_hand(points, embedding, k):
    n = len(points)

    def ranks(values):
        distances = np.sum((values[:, None] - values[None]) ** 2, axis=-1)
        np.fill_diagonal(distances, np.inf)
        order = np.argsort(distances, axis=1, kind="stable")
        ranking = np.empty_like(order)
        ranking[np.arange(n)[:, None], order] = np.arange(1, n + 1)
        return ranking

    original, mapped = ranks(points), ranks(embedding)
    penalty = 0.0
    for i in range(n):
        missing = (original[i] <= k) & (mapped[i] > k)
        penalty += np.sum(mapped[i][missing] - k)
    return 1 - 2 / (n * k * (2 * n - 3 * k - 1)) * penalty


def neighbour_recall(points, embedding, k):
    original = NearestNeighbors(n_neighbors=k).fit(points).kneighbors(return_distance=False)
    mapped = NearestNeighbors(n_neighbors=k).fit(embedding).kneighbors(return_distance=False)
    return np.mean([len(set(a) & set(b)) for a, b in zip(original, mapped, strict=True)]) / k


def test_continuity_accepts_the_answer():
    assert check_continuity(continuity)


def test_continuity_accepts_the_formula_by_hand():
    assert check_continuity(continuity_by_hand)


@pytest.mark.parametrize("wrong, says", [
    (lambda x, y, k: trustworthiness(x, y, n_neighbors=k), "trustworthiness"),
    (lambda x, y, k: 1 - continuity(x, y, k), "1 minus"),
    (lambda x, y, k: continuity(x, y, k + 1), None),
    (lambda x, y, k: neighbour_recall(x, y, k), None),
    (lambda x, y, k: [continuity(x, y, k)] * 2, "shape"),
    (lambda x, y, k: None, "None"),
    (None, "expected a function"),
])
def test_continuity_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_continuity(wrong)
    if says:
        assert says in capsys.readouterr().out


def test_neighbour_recall_accepts_the_answer():
    assert check_neighbour_recall(neighbour_recall)


def self_included(points, embedding, k):
    original = NearestNeighbors(n_neighbors=k).fit(points).kneighbors(points, return_distance=False)
    mapped = NearestNeighbors(n_neighbors=k).fit(embedding).kneighbors(embedding, return_distance=False)
    return np.mean([len(set(a) & set(b)) for a, b in zip(original, mapped, strict=True)]) / k


@pytest.mark.parametrize("wrong, says", [
    (self_included, "own neighbour"),
    (lambda x, y, k: k * neighbour_recall(x, y, k), "dividing by k"),
    (lambda x, y, k: neighbour_recall(x, y, k + 1), None),
    (lambda x, y, k: continuity(x, y, k), None),
    (lambda x, y, k: None, "None"),
])
def test_neighbour_recall_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_neighbour_recall(wrong)
    if says:
        assert says in capsys.readouterr().out

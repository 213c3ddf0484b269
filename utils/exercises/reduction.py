"""Checks for the exercises of notebook 10 (dimensionality reduction).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, verdict


def _map_examples(seed=10):
    """(points, embedding, k) triples: noisy 5-D clusters squashed to 2-D by a projection, and a 3-D spiral
    flattened badly, so that trustworthiness, continuity and recall all differ."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=3.0, size=(4, 5))
    points = centres[rng.integers(0, 4, size=60)] + rng.normal(size=(60, 5))
    squashed = points[:, :2] + 0.3 * rng.normal(size=(60, 2))
    angle = rng.uniform(0, 3 * np.pi, size=45)
    spiral = np.c_[angle * np.cos(angle), angle * np.sin(angle), rng.normal(scale=0.5, size=45)]
    flattened = np.c_[spiral[:, 0], spiral[:, 2]]
    return [(points, squashed, 5), (spiral, flattened, 7), (points, squashed, 1)]


def _neighbours(values, k):
    """The indices of each row's k nearest other rows (the row itself excluded), (n, k)."""
    from sklearn.neighbors import NearestNeighbors

    return NearestNeighbors(n_neighbors=k).fit(values).kneighbors(return_distance=False)


def _continuity(points, embedding, k):
    from sklearn.manifold import trustworthiness

    return trustworthiness(embedding, points, n_neighbors=k)


def _trustworthiness(points, embedding, k):
    from sklearn.manifold import trustworthiness

    return trustworthiness(points, embedding, n_neighbors=k)


def _recall(points, embedding, k, include_self=False):
    if include_self:
        from sklearn.neighbors import NearestNeighbors

        original = NearestNeighbors(n_neighbors=k).fit(points).kneighbors(points, return_distance=False)
        mapped = NearestNeighbors(n_neighbors=k).fit(embedding).kneighbors(embedding, return_distance=False)
    else:
        original, mapped = _neighbours(points, k), _neighbours(embedding, k)
    shared = [len(np.intersect1d(a, b)) for a, b in zip(original, mapped, strict=True)]
    return float(np.mean(shared) / k)


def _check_map_measure(candidate, name, reference, mistakes_for, success):
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define {name} and pass its name.")
    for number, (points, embedding, k) in enumerate(_map_examples(), start=1):
        answer, failed = call_learner(candidate, name, (points.copy(), embedding.copy(), k), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"{name} returned an array of shape {answer.shape}; return one number for the "
                                  "whole map.")
        expected = reference(points, embedding, k)
        wrong = known_mistake(answer, mistakes_for(points, embedding, k), expected=expected, rtol=1e-9)
        if wrong is not None:
            return wrong
        if not np.isclose(answer, expected, rtol=1e-9):
            return verdict(False, f"on example {number} (k = {k}) you have {float(answer):.4f}, expected "
                                  f"{expected:.4f}.")
    return verdict(True, success)


def check_continuity(candidate):
    """Exercise 1: `candidate(points, embedding, k)` is the continuity of the map (Venna & Kaski 2006): like
    trustworthiness, but it penalises the *missing* neighbours, points near in the original space that the map
    put far apart, by their rank in the map."""
    def mistakes(points, embedding, k):
        return {
            "that is the trustworthiness: it penalises intruders (near in the map, far in the original space). "
            "Continuity asks the opposite question: swap the roles of the two spaces.":
                _trustworthiness(points, embedding, k),
            "that is 1 minus the continuity: 1.0 should mean every neighbour was kept.":
                1 - _continuity(points, embedding, k),
        }

    return _check_map_measure(candidate, "my_continuity", _continuity, mistakes,
                              "my_continuity penalises the neighbours the map tore apart, ranked in the map.")


def check_neighbour_recall(candidate):
    """Exercise 2: `candidate(points, embedding, k)` is the mean, over the points, of the fraction of each point's k
    nearest neighbours in the original space that are also among its k nearest neighbours in the map (the point
    itself never counts as its own neighbour)."""
    def mistakes(points, embedding, k):
        return {
            "each point is counted as its own neighbour: it is always first in both lists, so the recall is "
            "inflated (with k = 1 it is always 1.0). Ask for k + 1 neighbours and drop the first, or call "
            "kneighbors() without arguments on the fitted NearestNeighbors.":
                _recall(points, embedding, k, include_self=True),
            "that counts shared neighbours without dividing by k: return a fraction between 0 and 1.":
                k * _recall(points, embedding, k),
        }

    return _check_map_measure(candidate, "my_neighbour_recall", _recall, mistakes,
                              "my_neighbour_recall keeps each point out of its own neighbour lists.")

import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors

from utils.exercises.generation import check_gaussian_sampler, check_precision


def gaussian_sampler(codes, n, rng):
    return rng.multivariate_normal(codes.mean(axis=0), np.cov(codes, rowvar=False), size=n)


def test_gaussian_sampler_accepts_the_answer():
    assert check_gaussian_sampler(gaussian_sampler)


def test_gaussian_sampler_accepts_a_cholesky_answer():
    def by_hand(codes, n, rng):
        factor = np.linalg.cholesky(np.cov(codes, rowvar=False))
        return codes.mean(axis=0) + rng.standard_normal((n, codes.shape[1])) @ factor.T

    assert check_gaussian_sampler(by_hand)


def diagonal(codes, n, rng):
    return codes.mean(axis=0) + codes.std(axis=0) * rng.standard_normal((n, codes.shape[1]))


@pytest.mark.parametrize("wrong, says", [
    (diagonal, "diagonal covariance"),
    (lambda codes, n, rng: rng.standard_normal((n, codes.shape[1])), "prior"),
    (lambda codes, n, rng: codes[rng.integers(0, len(codes), n)], "training codes themselves"),
    (lambda codes, n, rng: gaussian_sampler(codes, n, np.random.default_rng()), "seeded alike"),
    (lambda codes, n, rng: gaussian_sampler(codes, n, rng)[:, :2], "shape"),
    (lambda codes, n, rng: 2 * gaussian_sampler(codes, n, rng), "mean"),
    (lambda codes, n, rng: None, "None"),
    (None, "expected a function"),
])
def test_gaussian_sampler_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_gaussian_sampler(wrong)
    assert says in capsys.readouterr().out


def precision(real, generated, k):
    radii = NearestNeighbors(n_neighbors=k).fit(real).kneighbors()[0][:, -1]
    distances = np.linalg.norm(generated[:, None] - real[None], axis=-1)
    return np.mean(np.any(distances <= radii, axis=1))


def test_precision_accepts_the_answer():
    assert check_precision(precision)


def self_included(real, generated, k):
    radii = NearestNeighbors(n_neighbors=k).fit(real).kneighbors(real)[0][:, -1]
    distances = np.linalg.norm(generated[:, None] - real[None], axis=-1)
    return np.mean(np.any(distances <= radii, axis=1))


@pytest.mark.parametrize("wrong, says", [
    (self_included, "its own nearest neighbour"),
    (lambda real, generated, k: precision(generated, real, k), "recall"),
    (lambda real, generated, k: precision(real, generated, k + 1), None),
    (lambda real, generated, k: [precision(real, generated, k)] * 2, "shape"),
    (lambda real, generated, k: None, "None"),
])
def test_precision_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_precision(wrong)
    if says:
        assert says in capsys.readouterr().out

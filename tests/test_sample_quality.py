import numpy as np
import pytest
from scipy import linalg

from utils.sample_quality import frechet_distance, precision_recall

RNG = np.random.default_rng(0)


def test_frechet_distance_of_gaussians_matches_the_closed_form():
    # For N(0, I) against N(m, s² I) in d dimensions: |m|² + d (1 − s)².
    d, shift, scale = 4, 0.5, 2.0
    real = RNG.normal(size=(200_000, d))
    generated = shift + scale * RNG.normal(size=(200_000, d))
    expected = d * shift**2 + d * (1 - scale) ** 2
    assert frechet_distance(real, generated) == pytest.approx(expected, rel=0.02)


def test_frechet_distance_matches_scipy_sqrtm_and_is_symmetric():
    real, generated = RNG.normal(size=(500, 6)), RNG.normal(size=(400, 6)) @ RNG.normal(size=(6, 6))
    real_cov, generated_cov = np.cov(real, rowvar=False), np.cov(generated, rowvar=False)
    gap = real.mean(0) - generated.mean(0)
    reference = gap @ gap + np.trace(real_cov + generated_cov - 2 * linalg.sqrtm(real_cov @ generated_cov).real)
    assert frechet_distance(real, generated) == pytest.approx(reference, rel=1e-6)
    assert frechet_distance(generated, real) == pytest.approx(reference, rel=1e-6)
    assert frechet_distance(real, real) == pytest.approx(0.0, abs=1e-9)


def test_frechet_distance_handles_singular_covariances():
    flat = np.c_[RNG.normal(size=(100, 2)), np.zeros((100, 3))]  # rank 2 of 5
    assert 0.0 <= frechet_distance(flat, flat + 1.0) == pytest.approx(5.0, rel=1e-6)


def test_precision_recall_tell_realism_from_coverage():
    real = RNG.normal(size=(1_000, 2))
    precision, recall = precision_recall(real, RNG.normal(size=(1_000, 2)))
    assert precision > 0.9 and recall > 0.9
    collapsed = 0.1 * RNG.normal(size=(1_000, 2))  # realistic but covers only the centre
    precision, recall = precision_recall(real, collapsed)
    assert precision > 0.85 and recall < 0.2
    far = RNG.normal(size=(1_000, 2)) + 10.0  # covers nothing and is unrealistic
    assert precision_recall(real, far) == (0.0, 0.0)


@pytest.mark.parametrize("real, generated, k, shown", [
    (np.zeros((10, 3)), np.zeros((10, 4)), 3, "3 and 4"),
    (np.zeros(10), np.zeros((10, 1)), 3, r"\(10,\)"),
    (np.zeros((10, 2)), np.zeros((10, 2)), 0, "got 0"),
    (np.zeros((10, 2)), np.zeros((3, 2)), 3, "3 generated"),
])
def test_bad_arguments_are_named(real, generated, k, shown):
    with pytest.raises(ValueError, match=shown):
        precision_recall(real, generated, k=k)
    if k == 3 and real.ndim == 2 and real.shape[1] != generated.shape[1]:
        with pytest.raises(ValueError, match=shown):
            frechet_distance(real, generated)

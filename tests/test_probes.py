import numpy as np
import pytest

from utils.probes import linear_probe_accuracy

RNG = np.random.default_rng(0)


def test_separable_codes_score_high_and_noise_scores_chance():
    labels = RNG.integers(0, 2, 400)
    separable = np.c_[labels * 4.0 + RNG.normal(size=400), RNG.normal(size=400)]
    assert linear_probe_accuracy(separable[:300], labels[:300], separable[300:], labels[300:]) > 0.95
    noise = RNG.normal(size=(400, 2))
    assert linear_probe_accuracy(noise[:300], labels[:300], noise[300:], labels[300:]) < 0.7


@pytest.mark.parametrize("train, test, shown", [
    (np.zeros((10, 3)), np.zeros((5, 4)), r"\(10, 3\) and \(5, 4\)"),
    (np.zeros(10), np.zeros(5), r"\(10,\)"),
])
def test_bad_shapes_are_named(train, test, shown):
    with pytest.raises(ValueError, match=shown):
        linear_probe_accuracy(train, np.zeros(len(train)), test, np.zeros(len(test)))


def test_length_mismatch_and_bad_max_iter():
    with pytest.raises(ValueError, match="10 vs 9"):
        linear_probe_accuracy(np.zeros((10, 2)), np.zeros(9), np.zeros((5, 2)), np.zeros(5))
    with pytest.raises(ValueError, match="max_iter"):
        linear_probe_accuracy(np.zeros((10, 2)), np.arange(10) % 2, np.zeros((5, 2)), np.arange(5) % 2, max_iter=0)

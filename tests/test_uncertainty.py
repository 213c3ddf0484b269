import numpy as np
import pytest

from utils.uncertainty import binomial_two_standard_errors, paired_difference, two_standard_errors


def test_two_standard_errors_shrink_with_the_square_root_of_n():
    rng = np.random.default_rng(0)
    small, large = rng.normal(size=100), rng.normal(size=10_000)
    assert two_standard_errors(small) == pytest.approx(2 * small.std(ddof=1) / 10)
    assert two_standard_errors(large) == pytest.approx(0.02, rel=0.05)


def test_binomial_matches_the_spread_of_simulated_accuracies():
    rng = np.random.default_rng(1)
    accuracies = rng.binomial(10_000, 0.82, size=4_000) / 10_000
    assert binomial_two_standard_errors(0.82, 10_000) == pytest.approx(2 * accuracies.std(), rel=0.05)


@pytest.mark.parametrize("bad", [[1.0], [[1.0, 2.0], [3.0, 4.0]], [1.0, np.nan]])
def test_two_standard_errors_rejects_bad_values(bad):
    with pytest.raises(ValueError):
        two_standard_errors(bad)


@pytest.mark.parametrize("accuracy, n", [(1.2, 10), (0.5, 0), (0.5, 2.5)])
def test_binomial_rejects_bad_arguments(accuracy, n):
    with pytest.raises(ValueError, match=str(accuracy) if accuracy > 1 else str(n)):
        binomial_two_standard_errors(accuracy, n)


def test_bootstrap_of_a_mean_matches_two_standard_errors():
    from utils.uncertainty import bootstrap_two_standard_errors

    values = np.random.default_rng(2).normal(size=400)
    spread = bootstrap_two_standard_errors(np.mean, values, n_resamples=400, seed=0)
    assert spread == pytest.approx(two_standard_errors(values), rel=0.15)


def test_stratified_bootstrap_keeps_both_classes():
    from utils.anomaly import auroc
    from utils.uncertainty import bootstrap_two_standard_errors

    labels = np.r_[np.zeros(95), np.ones(5)]
    scores = np.random.default_rng(3).normal(size=100) + labels
    spread = bootstrap_two_standard_errors(auroc, labels, scores, strata=labels, seed=1)  # unstratified could fail
    assert 0.02 < spread < 0.4


@pytest.mark.parametrize("kwargs", [{"n_resamples": 5}, {"seed": -1}, {"strata": [0, 1]}])
def test_bootstrap_rejects_bad_arguments(kwargs):
    from utils.uncertainty import bootstrap_two_standard_errors

    with pytest.raises(ValueError):
        bootstrap_two_standard_errors(np.mean, np.arange(10.0), **kwargs)


def test_paired_difference_is_sharper_than_two_separate_spreads():
    rng = np.random.default_rng(2)
    difficulty = rng.normal(25.0, 3.0, size=40)  # what makes a photo hard, shared by both methods
    ours, baseline = difficulty + 0.5 + rng.normal(0, 0.2, 40), difficulty + rng.normal(0, 0.2, 40)
    result = paired_difference(ours, baseline)
    assert result.mean == pytest.approx(np.mean(ours - baseline))
    assert result.spread == pytest.approx(two_standard_errors(ours - baseline))
    assert result.spread < 0.2 < two_standard_errors(ours)  # the pairing removes the shared difficulty
    assert (result.n_higher, result.n) == (int(np.sum(ours > baseline)), 40)
    swapped = paired_difference(baseline, ours)
    assert swapped.mean == pytest.approx(-result.mean) and swapped.n_higher == 40 - result.n_higher


@pytest.mark.parametrize("ours, baseline", [([1.0, 2.0], [1.0, 2.0, 3.0]), ([[1.0, 2.0]], [[1.0, 2.0]]),
                                            ([1.0], [2.0]), ([1.0, np.nan], [1.0, 2.0])])
def test_paired_difference_rejects_unpaired_or_bad_scores(ours, baseline):
    with pytest.raises(ValueError):
        paired_difference(ours, baseline)

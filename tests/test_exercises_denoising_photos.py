import numpy as np
import pytest

from utils.exercises.denoising_photos import check_estimate_sigma, check_paired_gain, check_receptive_field


def receptive_field(kernel_sizes):
    return 1 + sum(k - 1 for k in kernel_sizes)


def receptive_field_by_loop(kernel_sizes):
    side = 1
    for k in kernel_sizes:
        side += k - 1
    return side


@pytest.mark.parametrize("answer", [receptive_field, receptive_field_by_loop])
def test_receptive_field_accepts_the_answer(answer):
    assert check_receptive_field(answer)


@pytest.mark.parametrize("wrong, says", [
    (lambda kernel_sizes: sum(kernel_sizes), "added the kernel sizes"),
    (lambda kernel_sizes: 2 * len(kernel_sizes) + 1, "2 · depth + 1"),
    (lambda kernel_sizes: sum(k - 1 for k in kernel_sizes), "centre pixel"),
    (lambda kernel_sizes: [receptive_field(kernel_sizes)] * 2, "one number"),
    (lambda kernel_sizes: None, "None"),
])
def test_receptive_field_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_receptive_field(wrong)
    assert says in capsys.readouterr().out


def paired_gain(ours, baseline):
    differences = ours - baseline
    return differences.mean(), 2 * differences.std(ddof=1) / np.sqrt(len(differences))


def paired_gain_with_scipy(ours, baseline):
    from scipy.stats import sem

    return float(np.mean(ours) - np.mean(baseline)), 2 * float(sem(ours - baseline))


@pytest.mark.parametrize("answer", [paired_gain, paired_gain_with_scipy])
def test_paired_gain_accepts_the_answer(answer):
    assert check_paired_gain(answer)


@pytest.mark.parametrize("wrong, says", [
    (lambda ours, baseline: paired_gain(baseline, ours), "sign"),
    (lambda ours, baseline: (np.mean(ours - baseline),
                             2 * np.sqrt(ours.var(ddof=1) / len(ours) + baseline.var(ddof=1) / len(ours))),
     "independent"),
    (lambda ours, baseline: (np.mean(ours - baseline), (ours - baseline).std(ddof=1) / np.sqrt(len(ours))),
     "one standard error"),
    (lambda ours, baseline: (np.mean(ours - baseline), 2 * (ours - baseline).std(ddof=1)), "√n"),
    (lambda ours, baseline: np.mean(ours - baseline), "two numbers"),
])
def test_paired_gain_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_paired_gain(wrong)
    assert says in capsys.readouterr().out


def estimate_sigma_by_hand(noisy):
    import pywt

    _, (_, _, diagonal) = pywt.dwt2(noisy, "db2")
    return np.median(np.abs(diagonal)) / 0.6745


def estimate_sigma_with_skimage(noisy):
    from skimage.restoration import estimate_sigma

    return estimate_sigma(noisy)


@pytest.mark.parametrize("answer", [estimate_sigma_by_hand, estimate_sigma_with_skimage])
def test_estimate_sigma_accepts_the_answer(answer):
    assert check_estimate_sigma(answer)


@pytest.mark.parametrize("wrong, says", [
    (lambda noisy: estimate_sigma_by_hand(noisy) * 0.6745, "0.6745"),
    (lambda noisy: estimate_sigma_by_hand(noisy) * 255, "0–255"),
    (lambda noisy: noisy.std(), "whole image"),
    (lambda noisy: None, "None"),
])
def test_estimate_sigma_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_estimate_sigma(wrong)
    assert says in capsys.readouterr().out

import numpy as np
import pytest

from utils.colorizers import colourfulness
from utils.exercises.colorization import check_colourfulness, check_rebalancing_weights


def colourfulness_by_hand(rgb):
    red, green, blue = np.moveaxis(255.0 * np.asarray(rgb, dtype=np.float64), -1, 0)
    rg, yb = red - green, 0.5 * (red + green) - blue
    return np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean())


def colourfulness_sample_std(rgb):
    rgb = 255.0 * np.asarray(rgb, dtype=np.float64)
    rg, yb = rgb[..., 0] - rgb[..., 1], 0.5 * (rgb[..., 0] + rgb[..., 1]) - rgb[..., 2]
    return np.sqrt(rg.var(ddof=1) + yb.var(ddof=1)) + 0.3 * np.sqrt(rg.mean() ** 2 + yb.mean() ** 2)


@pytest.mark.parametrize("answer", [colourfulness_by_hand, colourfulness, colourfulness_sample_std])
def test_colourfulness_accepts_the_answer(answer):
    assert check_colourfulness(answer)


def unit_scale(rgb):
    return colourfulness_by_hand(rgb) / 255.0


def no_mean_term(rgb):
    red, green, blue = np.moveaxis(255.0 * rgb, -1, 0)
    return np.hypot((red - green).std(), (0.5 * (red + green) - blue).std())


def summed_stds(rgb):
    red, green, blue = np.moveaxis(255.0 * rgb, -1, 0)
    rg, yb = red - green, 0.5 * (red + green) - blue
    return rg.std() + yb.std() + 0.3 * np.hypot(rg.mean(), yb.mean())


def no_half(rgb):
    red, green, blue = np.moveaxis(255.0 * rgb, -1, 0)
    rg, yb = red - green, red + green - blue
    return np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean())


@pytest.mark.parametrize("wrong, says", [
    (unit_scale, "0-255"),
    (no_mean_term, "mean term"),
    (summed_stds, "root of the sum"),
    (no_half, "half"),
    (lambda rgb: colourfulness_by_hand(rgb) * 1.1, "expected"),
    (lambda rgb: [colourfulness_by_hand(rgb)] * 2, "one number"),
    (lambda rgb: None, "None"),
])
def test_colourfulness_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_colourfulness(wrong)
    assert says in capsys.readouterr().out


def weights(prior, lam):
    prior = np.asarray(prior, dtype=np.float64)
    w = 1.0 / ((1 - lam) * prior + lam / len(prior))
    return w / (prior * w).sum()


def weights_by_loop(prior, lam):
    q = len(prior)
    raw = [1.0 / ((1 - lam) * p + lam / q) for p in prior]
    total = sum(p * w for p, w in zip(prior, raw, strict=True))
    return [w / total for w in raw]


@pytest.mark.parametrize("answer", [weights, weights_by_loop])
def test_rebalancing_weights_accepts_the_answer(answer):
    assert check_rebalancing_weights(answer)


@pytest.mark.parametrize("wrong, says", [
    (lambda prior, lam: 1.0 / ((1 - lam) * prior + lam / len(prior)), "not normalised"),
    (lambda prior, lam: weights(prior, lam) / weights(prior, lam).sum(), "sum to 1"),
    (lambda prior, lam: weights(prior, 1 - lam), "swapped"),
    (lambda prior, lam: (lambda w: w / (prior * w).sum())(1.0 / ((1 - lam) * prior + lam)), "λ/Q"),
    (lambda prior, lam: (lambda w: w / (prior * w).sum())((1 - lam) * prior + lam / len(prior)), "inverted"),
    (lambda prior, lam: weights(prior, lam)[:-1], "shape"),
    (lambda prior, lam: weights(prior, lam) * 1.01 + 0.2, "expected"),
    (lambda prior, lam: None, "None"),
])
def test_rebalancing_weights_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_rebalancing_weights(wrong)
    assert says in capsys.readouterr().out

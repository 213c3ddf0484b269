import numpy as np
import pytest
from scipy.special import expit
from scipy.stats import logistic

from utils.exercises.compression import check_bits_per_pixel, check_code_length, check_integer_probability


def bits_per_pixel(data, image_shape):
    return 8 * len(data) / (image_shape[0] * image_shape[1])


@pytest.mark.parametrize("answer", [bits_per_pixel, lambda data, shape: len(data) * 8.0 / np.prod(shape[:2])])
def test_bits_per_pixel_accepts_the_answer(answer):
    assert check_bits_per_pixel(answer)


@pytest.mark.parametrize("wrong, says", [
    (lambda data, shape: len(data) / (shape[0] * shape[1]), "bytes per pixel"),
    (lambda data, shape: 8 * len(data) / np.prod(shape), "colour value"),
    (lambda data, shape: 8 * (len(data) - 4) / (shape[0] * shape[1]), "header"),
    (lambda data, shape: 8 * len(data), "whole file"),
    (lambda data, shape: None, "None"),
])
def test_bits_per_pixel_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_bits_per_pixel(wrong)
    assert says in capsys.readouterr().out


def integer_probability(k, loc, scale):
    return expit((k + 0.5 - loc) / scale) - expit((k - 0.5 - loc) / scale)


@pytest.mark.parametrize("answer", [
    integer_probability,
    lambda k, loc, scale: logistic.cdf(k + 0.5, loc, scale) - logistic.cdf(k - 0.5, loc, scale),
])
def test_integer_probability_accepts_the_answer(answer):
    assert check_integer_probability(answer)


@pytest.mark.parametrize("wrong, says", [
    (lambda k, loc, scale: logistic.pdf(k, loc, scale), "density"),
    (lambda k, loc, scale: logistic.cdf(k, loc, scale) - logistic.cdf(k - 1, loc, scale), "shifted"),
    (lambda k, loc, scale: logistic.cdf(k + 0.5, loc, scale), "alone"),
    (lambda k, loc, scale: expit(k + 0.5 - loc) - expit(k - 0.5 - loc), "scale"),
    (lambda k, loc, scale: integer_probability(k, loc, scale).sum(), "shape"),
])
def test_integer_probability_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_integer_probability(wrong)
    assert says in capsys.readouterr().out


def code_length(probabilities, symbols):
    return -np.log2(probabilities[symbols]).sum()


@pytest.mark.parametrize("answer", [code_length, lambda p, s: sum(-np.log2(p[x]) for x in s)])
def test_code_length_accepts_the_answer(answer):
    assert check_code_length(answer)


@pytest.mark.parametrize("wrong, says", [
    (lambda p, s: -np.log(p[s]).sum(), "nats"),
    (lambda p, s: -np.log2(p[s]).mean(), "mean bits"),
    (lambda p, s: -(p * np.log2(p)).sum() * len(s), "entropy times"),
    (lambda p, s: -(lambda f: (f[f > 0] * np.log2(f[f > 0])).sum())(np.bincount(s) / len(s)) * len(s),
     "empirical entropy"),
    (lambda p, s: -np.log2(p[s]), "one number"),
])
def test_code_length_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_code_length(wrong)
    assert says in capsys.readouterr().out

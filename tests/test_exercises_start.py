import numpy as np
import pytest

from utils.exercises.start import check_compression_ratio, check_mse_per_image


def test_compression_ratio_accepts_the_answer_and_rejects_wrong_ones(capsys):
    assert check_compression_ratio(784 / 32, (28, 28), 32)
    assert "✅" in capsys.readouterr().out
    assert not check_compression_ratio(None, (28, 28), 32)
    assert not check_compression_ratio(32 / 784, (28, 28), 32)
    assert "upside down" in capsys.readouterr().out
    assert not check_compression_ratio(28 / 32, (28, 28), 32)  # one side of the image only
    with pytest.raises(ValueError, match="code_size"):
        check_compression_ratio(24.5, (28, 28), 0)


def test_mse_per_image_accepts_the_answer(capsys):
    assert check_mse_per_image(lambda a, b: np.mean((a - b) ** 2, axis=(1, 2)))
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda a, b: np.mean((a - b) ** 2), "whole batch"),  # one number for the batch
        (lambda a, b: np.sum((a - b) ** 2, axis=(1, 2)), "*sum*"),
        (lambda a, b: np.mean(np.abs(a - b), axis=(1, 2)), "differs"),
        (lambda a, b: np.mean((a - b) ** 2, axis=(0, 1)), "shape"),
        (lambda a, b: None, "None"),
        (None, "expected a function"),
    ],
)
def test_mse_per_image_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_mse_per_image(wrong)
    assert says in capsys.readouterr().out


def test_mse_per_image_reports_an_exception(capsys):
    assert not check_mse_per_image(lambda a, b: a.nonexistent)
    assert "raised AttributeError" in capsys.readouterr().out

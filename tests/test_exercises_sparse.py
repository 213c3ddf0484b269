import numpy as np
import pytest

from utils.exercises.sparse import check_fraction_active, check_kl_per_unit


def test_fraction_active_accepts_the_answer(capsys):
    assert check_fraction_active(lambda codes, threshold: float(np.mean(np.asarray(codes) > threshold)))
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda codes, threshold: float(np.mean(codes)), "mean activation"),
        (lambda codes, threshold: float(np.mean(codes >= threshold)), "`>=`"),
        (lambda codes, threshold: float(np.mean(codes.max(axis=0) > threshold)), "live units"),
        (lambda codes, threshold: np.mean(codes > threshold, axis=1), "shape"),
        (lambda codes, threshold: None, "None"),
        (None, "expected a function"),
    ],
)
def test_fraction_active_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_fraction_active(wrong)
    assert says in capsys.readouterr().out


def reference_kl(rho, means):
    return rho * np.log(rho / means) + (1 - rho) * np.log((1 - rho) / (1 - means))


def test_kl_per_unit_accepts_the_answer(capsys):
    assert check_kl_per_unit(reference_kl)
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda rho, means: reference_kl(means, rho), "other way round"),
        (lambda rho, means: rho * np.log(rho / means), "first term"),
        (lambda rho, means: float(np.sum(reference_kl(rho, means))), "shape"),
        (lambda rho, means: (rho - means) ** 2, "expected"),
    ],
)
def test_kl_per_unit_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_kl_per_unit(wrong)
    assert says in capsys.readouterr().out

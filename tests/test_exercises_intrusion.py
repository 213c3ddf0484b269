import numpy as np
import pytest

from utils.exercises.intrusion import check_detection_by_family, check_unseen_types


def reference_rates(alarms, families):
    return {family: alarms[families == family].mean() for family in set(families) - {"normal"}}


def test_detection_by_family_accepts_the_answer(capsys):
    assert check_detection_by_family(reference_rates)
    assert check_detection_by_family(lambda a, f: {family: a[f == family].mean() for family in set(f)})
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda a, f: {x: np.sum(a & (f == x)) / a.sum() for x in set(f) - {"normal"}}, "all alarms"),
        (lambda a, f: {x: np.sum(a & (f == x)) / np.sum(f != "normal") for x in set(f) - {"normal"}}, "all attacks"),
        (lambda a, f: {x: a[f == x].mean() for x in ("DoS", "Probe")}, "missing"),
        (lambda a, f: {x: 1 - a[f == x].mean() for x in set(f) - {"normal"}}, "expected"),
        (lambda a, f: [0.5], "dict"),
        ("rates", "expected a function"),
    ],
)
def test_detection_by_family_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_detection_by_family(wrong)
    assert says in capsys.readouterr().out


def test_unseen_types_accepts_the_answer(capsys):
    assert check_unseen_types(lambda train, test: (test != "normal") & ~np.isin(test, train))
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda train, test: ~np.isin(test, train) | (test == "normal"), "normal connections"),
        (lambda train, test: np.isin(test, train), "inverted"),
        (lambda train, test: test != "normal", "every attack"),
        (lambda train, test: (~np.isin(test, train)).astype(int), "boolean"),
        (lambda train, test: ~np.isin(test, test[:3]), "expected"),
    ],
)
def test_unseen_types_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_unseen_types(wrong)
    assert says in capsys.readouterr().out

import numpy as np
import pytest

from utils.exercises.anomaly import check_precision_recall, check_threshold


def reference_threshold(normal_scores, false_alarm_rate):
    return np.quantile(normal_scores, 1 - false_alarm_rate, method="higher")


def test_threshold_accepts_the_answer_and_a_sorted_pick(capsys):
    assert check_threshold(reference_threshold)
    assert check_threshold(lambda s, r: np.sort(s)[len(s) - 1 - int(np.floor(r * len(s)))])
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda s, r: np.quantile(s, r), "(1 − rate) quantile"),
        (lambda s, r: np.max(s), "too strict"),
        (lambda s, r: np.quantile(s, 1 - r), "interpolates"),
        (lambda s, r: np.mean(s) + 2 * np.std(s), "mean + k·std"),
        (lambda s, r: [np.quantile(s, 1 - r)], "one number"),
        (lambda s, r: None, "None"),
        (3.0, "expected a function"),
    ],
)
def test_threshold_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_threshold(wrong)
    assert says in capsys.readouterr().out


def reference_precision_recall(labels, scores, threshold):
    alarms = scores > threshold
    caught = np.sum(alarms & (labels == 1))
    return caught / max(np.sum(alarms), 1), caught / np.sum(labels == 1)


def test_precision_recall_accepts_the_answer(capsys):
    assert check_precision_recall(reference_precision_recall)
    assert "✅" in capsys.readouterr().out


def normal_class(labels, scores, threshold):
    predicted_normal = scores <= threshold
    hits = np.sum(predicted_normal & (labels == 0))
    return hits / np.sum(predicted_normal), hits / np.sum(labels == 0)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (normal_class, "normal"),
        (lambda y, s, t: reference_precision_recall(y, s, t)[::-1], "swapped"),
        (lambda y, s, t: (np.mean((s > t) == y),) * 2, "accuracy"),
        (lambda y, s, t: reference_precision_recall(y, s, 0.9 * t), "expected"),
        (lambda y, s, t: 0.5, "shape"),
    ],
)
def test_precision_recall_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_precision_recall(wrong)
    assert says in capsys.readouterr().out

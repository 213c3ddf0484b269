import matplotlib
import numpy as np
import pytest

from utils.anomaly import (
    alarm_events,
    auprc,
    auroc,
    detection_rate_at_false_alarm_rate,
    plot_roc_pr,
    score_events,
    summary_at_threshold,
    threshold_at_false_alarm_rate,
)

matplotlib.use("Agg")


def test_threshold_flags_the_asked_share_of_normal_scores():
    normal = np.arange(100.0)  # 0 … 99
    threshold = threshold_at_false_alarm_rate(normal, 0.05)
    assert threshold == 94.0
    assert np.sum(normal > threshold) == 5
    assert threshold_at_false_alarm_rate(normal, 0.0) == 99.0  # the maximum: no false alarm at all
    assert threshold_at_false_alarm_rate(np.arange(10.0), 0.25) == 7.0  # ⌊2.5⌋ = 2 above it


def test_threshold_ignores_the_order_of_the_scores():
    normal = np.random.default_rng(0).permutation(np.arange(200.0))
    assert threshold_at_false_alarm_rate(normal, 0.1) == 179.0


@pytest.mark.parametrize("rate", [-0.1, 1.0, 1.5, "0.05", np.nan])
def test_threshold_rejects_bad_rates(rate):
    with pytest.raises(ValueError, match="false_alarm_rate"):
        threshold_at_false_alarm_rate([1.0, 2.0, 3.0], rate)


@pytest.mark.parametrize("scores", [[], [[1.0, 2.0]], [1.0, np.inf]])
def test_threshold_rejects_bad_scores(scores):
    with pytest.raises(ValueError, match="normal_scores"):
        threshold_at_false_alarm_rate(scores, 0.05)


def test_summary_counts_the_anomaly_as_the_positive_class():
    labels = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    scores = np.array([0.1, 0.2, 0.3, 0.4, 0.9, 0.95, 0.5, 0.8, 0.99, 0.05])
    summary = summary_at_threshold(labels, scores, 0.45)
    # alarms: 0.9, 0.95 (normal) and 0.5, 0.8, 0.99 (anomalies); the anomaly at 0.05 is missed
    assert (summary["true_positives"], summary["false_positives"]) == (3, 2)
    assert (summary["true_negatives"], summary["false_negatives"]) == (4, 1)
    assert summary["precision"] == pytest.approx(3 / 5)
    assert summary["recall"] == pytest.approx(3 / 4)
    assert summary["f1"] == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    assert summary["accuracy"] == pytest.approx(7 / 10)
    assert summary["false_alarm_rate"] == pytest.approx(2 / 6)
    # the normal class as positive (the tutorial's mistake) gives other numbers: precision 4/5, recall 4/6
    assert summary["precision"] != pytest.approx(4 / 5)


def test_summary_without_alarms_has_zero_precision_not_an_error():
    summary = summary_at_threshold([0, 1, 1], [0.1, 0.2, 0.3], 1.0)
    assert summary["precision"] == 0.0 and summary["recall"] == 0.0 and summary["accuracy"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("labels", [[0, 2, 1], [0, 1]])
def test_summary_rejects_bad_labels(labels):
    with pytest.raises(ValueError, match="labels"):
        summary_at_threshold(labels, [0.1, 0.2, 0.3], 0.5)


def test_auroc_and_auprc_on_known_rankings():
    labels = np.array([0, 0, 1, 1])
    assert auroc(labels, [0.1, 0.2, 0.3, 0.4]) == 1.0
    assert auroc(labels, [0.4, 0.3, 0.2, 0.1]) == 0.0
    assert auroc(labels, [0.1, 0.3, 0.2, 0.4]) == 0.75
    # ranking a, n, a, n from the top: precision 1 at recall 0.5, 2/3 at recall 1 → AP = 0.5·1 + 0.5·2/3
    assert auprc([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]) == pytest.approx(0.5 + 1 / 3)
    with pytest.raises(ValueError, match="both"):
        auroc([1, 1], [0.1, 0.2])


def test_detection_rate_at_a_false_alarm_rate():
    labels = np.r_[np.zeros(10), np.ones(4)]
    scores = np.r_[np.arange(10.0), [9.5, 8.5, 3.5, -1.0]]
    # 0 false alarms: only the anomaly at 9.5 is above every normal score
    assert detection_rate_at_false_alarm_rate(labels, scores, 0.0) == 0.25
    assert detection_rate_at_false_alarm_rate(labels, scores, 0.1) == 0.5   # threshold under 9: one normal flagged
    assert detection_rate_at_false_alarm_rate(labels, scores, 0.6) == 0.75  # 3.5 needs 6 of 10 normal flagged
    with pytest.raises(ValueError, match="false_alarm_rate"):
        detection_rate_at_false_alarm_rate(labels, scores, 1.2)


def test_plot_roc_pr_marks_the_operating_points():
    labels = np.r_[np.zeros(50), np.ones(10)]
    rng = np.random.default_rng(0)
    scores = {"good": np.r_[rng.normal(size=50), rng.normal(3, 1, size=10)], "bad": rng.normal(size=60)}
    figure = plot_roc_pr(labels, scores, operating_points={"good": 1.5})
    roc_axis, pr_axis = figure.axes
    assert len(roc_axis.lines) == 4  # two curves, one dot, the diagonal
    assert "AUROC" in roc_axis.get_legend().get_texts()[0].get_text()
    with pytest.raises(ValueError, match="operating_points"):
        plot_roc_pr(labels, scores, operating_points={"ugly": 0.0})


def test_alarm_events_merge_close_alarms():
    starts, ends = alarm_events(np.array([1, 2, 3, 10, 11, 30]), max_gap=2)
    assert starts.tolist() == [1, 10, 30] and ends.tolist() == [3, 11, 30]
    times = np.array(["2024-01-01T00:00", "2024-01-01T00:05", "2024-01-01T02:00"], dtype="datetime64[m]")
    starts, _ = alarm_events(times, np.timedelta64(10, "m"))
    assert len(starts) == 2
    with pytest.raises(ValueError, match="sorted"):
        alarm_events(np.array([3, 1]), 1)


def test_score_events_counts_detections_false_alarms_and_lead_times():
    windows = np.array([[10, 20], [40, 50], [70, 80]])
    failures = np.array([18, 45, 75])
    alarms = np.array([5, 6, 12, 13, 14, 30, 60, 61])
    result = score_events(alarms, windows, failure_times=failures, max_gap=1)
    assert result["detected"].tolist() == [True, False, False]
    assert result["events_detected"] == 1
    # events start at 5, 12, 30, 60: three of them outside every window
    assert result["false_alarm_events"] == 3
    assert result["lead_times"] == [6, None, None]
    without_merging = score_events(alarms, windows)
    assert without_merging["false_alarm_events"] == 5 and without_merging["lead_times"] == [None, None, None]
    with pytest.raises(ValueError, match="windows"):
        score_events(alarms, np.array([10, 20]))
    with pytest.raises(ValueError, match="failure_times"):
        score_events(alarms, windows, failure_times=[1, 2])

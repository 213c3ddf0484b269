"""Scoring an anomaly detector honestly: a threshold from normal validation data, and the anomaly as the positive class.

Every detector of the course (an autoencoder's reconstruction error, PCA's, an IsolationForest's) gives each example
a **score**, higher meaning more anomalous. Turning scores into alarms and alarms into numbers goes the same way in
every anomaly notebook, thin over scikit-learn::

    threshold = threshold_at_false_alarm_rate(validation_normal_scores, 0.05)   # 5 % of normal data flagged
    summary = summary_at_threshold(test_labels, test_scores, threshold)         # precision, recall, ... of anomalies
    auroc(test_labels, test_scores), auprc(test_labels, test_scores)
    detection_rate_at_false_alarm_rate(test_labels, test_scores, 0.01)

Labels are 1 (or True) for an anomaly and 0 for a normal example: the anomaly is the **positive class** everywhere,
so precision means "of the alarms, how many were anomalies" and recall means "of the anomalies, how many raised an
alarm". For time series, `alarm_events` and `score_events` turn point alarms into events and score them against
labelled windows (events detected, false-alarm events, lead time before each labelled failure).
"""

import numpy as np
from sklearn import metrics

from utils import validation

SUMMARY_KEYS = ("threshold", "precision", "recall", "f1", "accuracy", "false_alarm_rate",
                "true_positives", "false_positives", "true_negatives", "false_negatives")


def _scores(values, name="scores"):
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1 or len(values) == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of numbers (one per example), got shape "
                         f"{values.shape}.")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} holds a NaN or an infinite value.")
    return values


def _labels_and_scores(labels, scores, need_both=True):
    scores = _scores(scores)
    labels = np.asarray(labels)
    if labels.shape != scores.shape:
        raise ValueError(f"labels and scores must have one shape, got {labels.shape} and {scores.shape}.")
    if not np.all(np.isin(labels, (0, 1))):
        raise ValueError(f"labels must be 0 (normal) or 1 (anomaly), got the values {np.unique(labels)[:10]}.")
    labels = labels.astype(np.int64)
    if need_both and labels.min() == labels.max():
        raise ValueError(f"labels must hold both normal (0) and anomalous (1) examples, got only {labels[0]}.")
    return labels, scores


def _rate(value, name):
    return validation.real(value, name, low=0.0, high=1.0, high_inclusive=False)


def threshold_at_false_alarm_rate(normal_scores, false_alarm_rate):
    """The lowest threshold that flags at most `false_alarm_rate` of `normal_scores` (score > threshold: alarm).

    Choose it on the scores of **normal validation** examples, never on test data and never on the training data
    the model was fitted to (those scores are optimistically low).

    Args:
        normal_scores: 1-D scores of normal examples, higher = more anomalous.
        false_alarm_rate: the fraction of them allowed to raise an alarm, in [0, 1). 0 gives their maximum.

    Returns:
        A float: the `(n − ⌊rate · n⌋)`-th smallest score, so that ⌊rate · n⌋ scores (fewer when tied) lie above it.
    """
    normal_scores = np.sort(_scores(normal_scores, "normal_scores"))
    false_alarm_rate = _rate(false_alarm_rate, "false_alarm_rate")
    allowed = int(np.floor(false_alarm_rate * len(normal_scores) + 1e-9))
    return float(normal_scores[len(normal_scores) - 1 - allowed])


def summary_at_threshold(labels, scores, threshold):
    """What a detector does at one threshold, the anomaly being the positive class.

    Args:
        labels: 1-D, 1 for an anomaly and 0 for a normal example.
        scores: 1-D scores of the same examples; `score > threshold` raises an alarm.
        threshold: a finite number.

    Returns:
        A dict with the keys of `SUMMARY_KEYS`: precision, recall (detection rate), F1 and accuracy from
        scikit-learn, the false-alarm rate (fraction of normal examples flagged) and the four confusion counts.
        Precision is 0 when nothing raised an alarm.
    """
    labels, scores = _labels_and_scores(labels, scores, need_both=False)
    threshold = validation.real(threshold, "threshold")
    alarms = (scores > threshold).astype(np.int64)
    tn, fp, fn, tp = metrics.confusion_matrix(labels, alarms, labels=[0, 1]).ravel()
    n_normal = tn + fp
    return {
        "threshold": threshold,
        "precision": float(metrics.precision_score(labels, alarms, pos_label=1, zero_division=0)),
        "recall": float(metrics.recall_score(labels, alarms, pos_label=1, zero_division=0)),
        "f1": float(metrics.f1_score(labels, alarms, pos_label=1, zero_division=0)),
        "accuracy": float(metrics.accuracy_score(labels, alarms)),
        "false_alarm_rate": float(fp / n_normal) if n_normal else 0.0,
        "true_positives": int(tp), "false_positives": int(fp), "true_negatives": int(tn), "false_negatives": int(fn),
    }


def auroc(labels, scores):
    """Area under the ROC curve (scikit-learn's `roc_auc_score`): the chance that a random anomaly scores above a
    random normal example. 0.5 is guessing, 1 a perfect ranking."""
    return float(metrics.roc_auc_score(*_labels_and_scores(labels, scores)))


def auprc(labels, scores):
    """Area under the precision–recall curve, as scikit-learn's `average_precision_score` (no interpolation).

    Unlike AUROC it depends on how rare anomalies are: guessing gets the anomalies' share of the data, so read it
    beside that share.
    """
    return float(metrics.average_precision_score(*_labels_and_scores(labels, scores)))


def detection_rate_at_false_alarm_rate(labels, scores, false_alarm_rate):
    """The largest recall reachable while flagging at most `false_alarm_rate` of the normal examples of this set.

    Read off scikit-learn's ROC curve of these labels and scores: an *ideal* threshold for this set, useful to compare
    detectors at one false-alarm rate. A deployed detector's rate comes from a threshold chosen on validation data
    (`threshold_at_false_alarm_rate`, then `summary_at_threshold`).
    """
    labels, scores = _labels_and_scores(labels, scores)
    false_alarm_rate = _rate(false_alarm_rate, "false_alarm_rate")
    false_positive_rates, true_positive_rates, _ = metrics.roc_curve(labels, scores)
    return float(true_positive_rates[false_positive_rates <= false_alarm_rate + 1e-12].max())


def plot_roc_pr(labels, scores_by_name, operating_points=None, axes=None, title=None):
    """ROC and precision–recall curves of several detectors on one labelled set, side by side.

    Args:
        labels: 1-D, 1 = anomaly.
        scores_by_name: `{detector name: scores}`, each 1-D like `labels`.
        operating_points: optional `{detector name: threshold}`; each is marked on both curves with a dot.
        axes: two matplotlib axes to draw on (default: a new 10 × 3.8 inch figure).
        title: optional title over both panels.

    Returns:
        The figure.
    """
    import matplotlib.pyplot as plt

    if not isinstance(scores_by_name, dict) or not scores_by_name:
        raise ValueError(f"scores_by_name must be a non-empty dict of name → scores, got {type(scores_by_name)}.")
    operating_points = operating_points or {}
    unknown = sorted(set(operating_points) - set(scores_by_name))
    if unknown:
        raise ValueError(f"operating_points names detectors without scores: {unknown}.")
    if axes is None:
        figure, axes = plt.subplots(1, 2, figsize=(10, 3.8), dpi=100)
    else:
        figure = axes[0].figure
    roc_axis, pr_axis = axes
    for index, (name, scores) in enumerate(scores_by_name.items()):
        clean_labels, clean_scores = _labels_and_scores(labels, scores)
        color = f"C{index % 10}"
        fpr, tpr, _ = metrics.roc_curve(clean_labels, clean_scores)
        precision, recall, _ = metrics.precision_recall_curve(clean_labels, clean_scores)
        roc_axis.plot(fpr, tpr, color=color, linewidth=1.2,
                      label=f"{name} (AUROC {metrics.roc_auc_score(clean_labels, clean_scores):.3f})")
        pr_axis.plot(recall, precision, color=color, linewidth=1.2, drawstyle="steps-post",
                     label=f"{name} (AUPRC {metrics.average_precision_score(clean_labels, clean_scores):.3f})")
        if name in operating_points:
            point = summary_at_threshold(clean_labels, clean_scores, operating_points[name])
            roc_axis.plot(point["false_alarm_rate"], point["recall"], "o", color=color, markersize=6)
            pr_axis.plot(point["recall"], point["precision"], "o", color=color, markersize=6)
    share = float(np.mean(np.asarray(labels) == 1))
    roc_axis.plot([0, 1], [0, 1], color="gray", linestyle=":", linewidth=1)
    pr_axis.axhline(share, color="gray", linestyle=":", linewidth=1, label=f"guessing ({share:.3f})")
    roc_axis.set(xlabel="false-alarm rate (normal flagged)", ylabel="detection rate (recall)", title="ROC")
    pr_axis.set(xlabel="recall (anomalies caught)", ylabel="precision (alarms that are anomalies)",
                title="precision–recall", ylim=(0, 1.02))
    for axis in axes:
        axis.legend(fontsize=7, loc="lower right" if axis is roc_axis else "lower left")
    if title:
        figure.suptitle(title, fontsize=10)
    figure.tight_layout()
    return figure


def alarm_events(alarm_times, max_gap):
    """Merge point alarms into events: alarms less than or exactly `max_gap` apart belong to one event.

    Args:
        alarm_times: 1-D sorted times of the alarms (numbers or `datetime64`).
        max_gap: the largest gap inside one event (a number, or a `timedelta64` for `datetime64` times).

    Returns:
        `(starts, ends)`: two arrays, one entry per event, of the times of its first and last alarm.
    """
    alarm_times = np.asarray(alarm_times)
    if alarm_times.ndim != 1:
        raise ValueError(f"alarm_times must be 1-D, got shape {alarm_times.shape}.")
    if len(alarm_times) == 0:
        return alarm_times[:0], alarm_times[:0]
    gaps = np.diff(alarm_times)
    if np.any(gaps < gaps.dtype.type(0)):
        raise ValueError("alarm_times must be sorted in increasing order.")
    if not (np.asarray(max_gap) >= np.zeros((), dtype=np.asarray(max_gap).dtype)):
        raise ValueError(f"max_gap must be ≥ 0, got {max_gap!r}.")
    new_event = np.r_[True, gaps > max_gap]
    starts = alarm_times[new_event]
    ends = alarm_times[np.r_[new_event[1:], True]]
    return starts, ends


def score_events(alarm_times, windows, failure_times=None, max_gap=None):
    """Score alarms over a series against labelled anomaly windows, NAB-style.

    Args:
        alarm_times: 1-D sorted times at which the detector raised an alarm.
        windows: `(n_windows, 2)` array of `[start, end]` times (inclusive), each around one labelled anomaly.
        failure_times: optional `(n_windows,)` times of the labelled anomalies themselves; a window's lead time is
            `failure_time − first alarm in the window` (positive: the alarm came before the failure).
        max_gap: alarms at most this far apart form one event (see `alarm_events`); default: every alarm is its own
            event.

    Returns:
        A dict: `detected` (bool array, one per window), `events_detected` (how many windows hold an alarm),
        `false_alarm_events` (events that start outside every window), `lead_times` (per window, the lead time or
        `None` when undetected or without `failure_times`), `first_alarms` (per window, the time or `None`).
    """
    alarm_times = np.asarray(alarm_times)
    windows = np.asarray(windows)
    if windows.ndim != 2 or windows.shape[1] != 2:
        raise ValueError(f"windows must have shape (n_windows, 2), got {windows.shape}.")
    if np.any(windows[:, 1] < windows[:, 0]):
        raise ValueError("every window must end at or after its start.")
    if failure_times is not None:
        failure_times = np.asarray(failure_times)
        if failure_times.shape != (len(windows),):
            raise ValueError(f"failure_times needs one time per window, got shape {failure_times.shape} for "
                             f"{len(windows)} windows.")
    if max_gap is None:
        starts = alarm_times
        if alarm_times.ndim != 1:
            raise ValueError(f"alarm_times must be 1-D, got shape {alarm_times.shape}.")
    else:
        starts, _ = alarm_events(alarm_times, max_gap)
    first_alarms, lead_times = [], []
    for index, (start, end) in enumerate(windows):
        inside = alarm_times[(alarm_times >= start) & (alarm_times <= end)]
        first = inside.min() if len(inside) else None
        first_alarms.append(first)
        lead_times.append(None if first is None or failure_times is None else failure_times[index] - first)
    in_some_window = np.zeros(len(starts), dtype=bool)
    for start, end in windows:
        in_some_window |= (starts >= start) & (starts <= end)
    detected = np.array([first is not None for first in first_alarms], dtype=bool)
    return {"detected": detected, "events_detected": int(detected.sum()),
            "false_alarm_events": int((~in_some_window).sum()), "lead_times": lead_times,
            "first_alarms": first_alarms}

"""Checks for the exercises of notebook 13 (fault detection on machine sensors).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, verdict

HOUR = np.timedelta64(1, "h")


def _series_examples(seed=13):
    """(values, window) pairs: a drifting noisy series, a series with a jump, and a short one."""
    rng = np.random.default_rng(seed)
    drifting = np.cumsum(rng.normal(size=60)) + rng.normal(scale=0.5, size=60)
    jump = np.r_[rng.normal(size=25), 6 + rng.normal(size=15)]
    return [(drifting, 5), (jump, 8), (rng.normal(size=12), 3)]


def _rolling_reference(values, window, shift=1, center=False, ddof=1):
    """z_t = (x_t − mean) / std of the `window` values before t (NaN while fewer than `window` of them exist)."""
    import pandas as pd

    series = pd.Series(values)
    past = series.shift(shift).rolling(window, center=center)
    return ((series - past.mean()) / past.std(ddof=ddof)).to_numpy()


def _agrees(answer, reference):
    """True when two series agree wherever both are numbers (and they are numbers at some place)."""
    both = ~np.isnan(answer) & ~np.isnan(reference)
    return bool(both.any() and np.allclose(answer[both], reference[both], rtol=1e-6, atol=1e-9))


def check_rolling_zscore(candidate):
    """Exercise 1: `candidate(values, window)` is the causal rolling z-score: each value against the mean and the
    (sample) standard deviation of the `window` values just before it, NaN where fewer than `window` precede it."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_rolling_zscore and pass its name.")
    for number, (values, window) in enumerate(_series_examples(), start=1):
        answer, failed = call_learner(candidate, "my_rolling_zscore", (values.copy(), window), number)
        if failed is not None:
            return failed
        expected = _rolling_reference(values, window)
        if answer.shape != expected.shape:
            return verdict(False, f"my_rolling_zscore returned shape {answer.shape} for {len(values)} values; "
                                  "return one z-score per value (NaN where there is not enough past yet).")
        mistakes = {
            "each value is inside its own window: compare it with the values *before* it (shift by one), or a "
            "spike hides itself by raising the mean and the std it is measured against.":
                _rolling_reference(values, window, shift=0),
            "the window is centred, so it reads values from the future: a detector running live cannot do that, "
            "and its alarms would come too early.": _rolling_reference(values, window, shift=0, center=True),
            "that uses the population standard deviation (ddof=0); use the sample one (ddof=1, pandas' default).":
                _rolling_reference(values, window, ddof=0),
        }
        for message, value in mistakes.items():
            if _agrees(answer, value) and not _agrees(answer, expected):
                return verdict(False, message)
        if not np.array_equal(np.isnan(answer), np.isnan(expected)):
            return verdict(False, f"on example {number} the NaN positions differ: the first {window} values have "
                                  f"fewer than {window} values before them, so they get NaN, and every later one a "
                                  "number.")
        valid = ~np.isnan(expected)
        if not np.allclose(answer[valid], expected[valid], rtol=1e-6, atol=1e-9):
            worst = int(np.argmax(np.abs(np.nan_to_num(answer - expected))))
            return verdict(False, f"on example {number}, at position {worst} you have {answer[worst]:.4g}, expected "
                                  f"{expected[worst]:.4g}: (x_t − mean of the {window} values before t) / their std.")
    return verdict(True, "my_rolling_zscore looks only at the past, on a drifting series, a jump and a short series.")


def _lead_examples():
    """(alarm_times, window_start, window_end, failure_time, expected hours or None)."""
    day = np.datetime64("2014-01-27T00:00", "s")
    start, end, failure = day + 14 * HOUR, day + 61 * HOUR, day + 38 * HOUR
    alarms = np.array([day + 2 * HOUR, start + HOUR, start + 9 * HOUR, failure + 3 * HOUR, end + HOUR])
    late = np.array([day, failure + 2 * HOUR, failure + 5 * HOUR])
    missed = np.array([day + HOUR, end + 2 * HOUR])
    return [(alarms, start, end, failure, 23.0), (late, start, end, failure, -2.0),
            (missed, start, end, failure, None)]


def _lead_mistakes(alarms, start, end, failure):
    inside = alarms[(alarms >= start) & (alarms <= end)]
    hours = {
        "that is first alarm − failure: the lead time is failure − first alarm, positive when the alarm came first.":
            (inside.min() - failure) / HOUR,
        "that counts from the *last* alarm in the window; the lead time is measured from the first.":
            (failure - inside.max()) / HOUR,
        "an alarm before the window started counts there: only alarms inside [window_start, window_end] belong to "
        "this failure.": (failure - alarms[alarms <= end].min()) / HOUR,
        "that is in minutes: return hours.": (failure - inside.min()) / np.timedelta64(1, "m"),
    }
    return {message: float(value) for message, value in hours.items()}


def check_lead_time(candidate):
    """Exercise 2: `candidate(alarm_times, window_start, window_end, failure_time)` is the lead time in hours: the
    failure time minus the first alarm inside the window (inclusive), or None when no alarm falls inside it."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_lead_time_hours and pass its name.")
    for number, (alarms, start, end, failure, expected) in enumerate(_lead_examples(), start=1):
        try:
            answer = candidate(alarms.copy(), start, end, failure)
        except Exception as error:  # the learner's code may fail in any way; say how, kindly
            return verdict(False, f"my_lead_time_hours raised {type(error).__name__}: {error} on example {number}.")
        if expected is None:
            if answer is not None:
                return verdict(False, f"on example {number} no alarm falls inside the window, so the failure was "
                                      f"missed: return None, not {answer!r}.")
            continue
        if answer is None:
            return verdict(False, f"on example {number} an alarm falls inside the window, but you returned None.")
        if isinstance(answer, np.timedelta64):
            return verdict(False, "that is a timedelta: divide it by np.timedelta64(1, 'h') to get hours.")
        answer, failed = call_learner(lambda value=answer: value, "my_lead_time_hours", (), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_lead_time_hours returned shape {answer.shape}; return one number of hours.")
        mistake = known_mistake(answer, _lead_mistakes(alarms, start, end, failure), expected)
        if mistake is not None:
            return mistake
        if not np.isclose(answer, expected):
            return verdict(False, f"on example {number} you have {float(answer):.4g} h, expected {expected:.4g} h.")
    return verdict(True, "my_lead_time_hours is right for an early alarm, a late one (negative lead time) and a "
                         "missed failure.")

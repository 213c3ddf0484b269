import numpy as np
import pandas as pd
import pytest

from utils.exercises.sensors import check_lead_time, check_rolling_zscore

HOUR = np.timedelta64(1, "h")


def rolling_zscore(values, window):
    series = pd.Series(values)
    past = series.shift(1).rolling(window)
    return ((series - past.mean()) / past.std()).to_numpy()


def lead_time_hours(alarm_times, window_start, window_end, failure_time):
    inside = alarm_times[(alarm_times >= window_start) & (alarm_times <= window_end)]
    return None if len(inside) == 0 else (failure_time - inside.min()) / HOUR


def test_rolling_zscore_accepts_the_answer():
    assert check_rolling_zscore(rolling_zscore)


def numpy_rolling_zscore(values, window):
    z = np.full(len(values), np.nan)
    for t in range(window, len(values)):
        past = values[t - window:t]
        z[t] = (values[t] - past.mean()) / past.std(ddof=1)
    return z


def test_rolling_zscore_says_where_nans_belong(capsys):
    assert not check_rolling_zscore(lambda v, w: np.nan_to_num(rolling_zscore(v, w)))
    assert "NaN positions" in capsys.readouterr().out


def test_rolling_zscore_accepts_a_loop():
    assert check_rolling_zscore(numpy_rolling_zscore)


@pytest.mark.parametrize("wrong, says", [
    (lambda v, w: ((pd.Series(v) - pd.Series(v).rolling(w).mean()) / pd.Series(v).rolling(w).std()).to_numpy(),
     "inside its own window"),  # no shift
    (lambda v, w: ((pd.Series(v) - pd.Series(v).rolling(w + 1).mean().shift(0)) /
                   pd.Series(v).rolling(w + 1).std()).to_numpy(), None),
    (lambda v, w: ((pd.Series(v) - pd.Series(v).shift(1).rolling(w).mean()) /
                   pd.Series(v).shift(1).rolling(w).std(ddof=0)).to_numpy(), "ddof=0"),
    (lambda v, w: np.abs(rolling_zscore(v, w)), None),
    (lambda v, w: rolling_zscore(v, w)[:-1], "shape"),
    (lambda v, w: None, "None"),
])
def test_rolling_zscore_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_rolling_zscore(wrong)
    if says:
        assert says in capsys.readouterr().out


def test_rolling_zscore_names_the_current_value_in_its_window(capsys):
    def including_current(values, window):
        z = rolling_zscore(values, window)
        series = pd.Series(values)
        own = ((series - series.rolling(window).mean()) / series.rolling(window).std()).to_numpy()
        return np.where(np.isnan(z), np.nan, own)  # even with the right NaNs

    assert not check_rolling_zscore(including_current)
    assert "inside its own window" in capsys.readouterr().out


def test_rolling_zscore_names_the_centred_window(capsys):
    def centred(values, window):
        series = pd.Series(values)
        roll = series.rolling(window, center=True)
        return ((series - roll.mean()) / roll.std()).to_numpy()

    assert not check_rolling_zscore(centred)
    assert "future" in capsys.readouterr().out


def test_lead_time_accepts_the_answer():
    assert check_lead_time(lead_time_hours)


@pytest.mark.parametrize("wrong, says", [
    (lambda a, s, e, f: (lambda i: None if len(i) == 0 else (i.min() - f) / HOUR)(a[(a >= s) & (a <= e)]),
     "failure − first alarm"),
    (lambda a, s, e, f: (lambda i: None if len(i) == 0 else (f - i.max()) / HOUR)(a[(a >= s) & (a <= e)]), "last"),
    (lambda a, s, e, f: (lambda i: None if len(i) == 0 else (f - i.min()) / HOUR)(a[a <= e]), "before the window"),
    (lambda a, s, e, f: (lambda i: None if len(i) == 0 else (f - i.min()) / np.timedelta64(1, "m"))(
        a[(a >= s) & (a <= e)]), "minutes"),
    (lambda a, s, e, f: (lambda i: None if len(i) == 0 else f - i.min())(a[(a >= s) & (a <= e)]), "timedelta"),
    (lambda a, s, e, f: (lambda i: 0.0 if len(i) == 0 else (f - i.min()) / HOUR)(a[(a >= s) & (a <= e)]),
     "return None"),
])
def test_lead_time_rejects_plausible_mistakes(capsys, wrong, says):
    assert not check_lead_time(wrong)
    assert says in capsys.readouterr().out

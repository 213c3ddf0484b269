import pytest

from utils.course.results import MIME_TYPE, headline_markdown, report_headline, verdict

ROW = {"metric": "test MSE", "ours": 0.0123, "baseline": 0.0151, "baseline_name": "PCA-32", "better": "lower",
       "published": None}


def test_report_headline_displays_and_returns_clean_rows(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw: shown.append(obj))
    assert report_headline([ROW]) is None
    rows = shown[0][MIME_TYPE]["headline"]
    assert rows[0]["ours"] == 0.0123 and rows[0]["note"] is None and rows[0]["verdict"] == "better (1 run)"
    assert "0.0123" in shown[0]["text/markdown"] and "PCA-32" in shown[0]["text/markdown"]


@pytest.mark.parametrize("row, shown", [
    ({**ROW, "ours": float("nan")}, "nan"),
    ({**ROW, "ours": "0.1"}, "'0.1'"),
    ({key: value for key, value in ROW.items() if key != "baseline"}, "baseline"),
    ({key: value for key, value in ROW.items() if key != "better"}, "better"),
    ({**ROW, "better": "smaller"}, "smaller"),
    ({**ROW, "ours_uncertainty": -0.1}, "-0.1"),
    ({**ROW, "colour": "red"}, "colour"),
])
def test_report_headline_rejects_bad_rows(row, shown):
    with pytest.raises(ValueError, match=shown):
        report_headline([row])
    with pytest.raises(ValueError, match=r"\[\]"):
        report_headline([])


def test_a_difference_inside_the_uncertainties_is_a_tie():
    probe = {**ROW, "ours": 0.825, "baseline": 0.822, "better": "higher", "ours_uncertainty": 0.004}
    assert verdict(probe) == "tie"
    assert verdict({**probe, "ours": 0.835}) == "better"
    assert verdict({**probe, "ours": 0.81}) == "worse"
    assert verdict({**ROW, "ours": 0.02}) == "worse (1 run)"


def test_headline_markdown_uses_four_significant_digits_and_shows_uncertainty(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw: shown.append(obj))
    report_headline([{**ROW, "ours_uncertainty": 0.00041}])
    table = headline_markdown(shown[0][MIME_TYPE]["headline"])
    assert "| test MSE | 0.0123 ± 0.00041 | 0.0151 (PCA-32) | better | — |" in table

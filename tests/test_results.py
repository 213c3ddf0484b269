import pytest

from utils.results import MIME_TYPE, headline_markdown, report_headline

ROW = {"metric": "test MSE", "ours": 0.0123, "baseline": 0.0151, "baseline_name": "PCA-32", "published": None}


def test_report_headline_displays_and_returns_clean_rows(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw: shown.append(obj))
    assert report_headline([ROW]) is None
    rows = shown[0][MIME_TYPE]["headline"]
    assert rows[0]["ours"] == 0.0123 and rows[0]["note"] is None
    assert "0.0123" in shown[0]["text/markdown"] and "PCA-32" in shown[0]["text/markdown"]


@pytest.mark.parametrize("row, shown", [
    ({**ROW, "ours": float("nan")}, "nan"),
    ({**ROW, "ours": "0.1"}, "'0.1'"),
    ({key: value for key, value in ROW.items() if key != "baseline"}, "baseline"),
    ({**ROW, "colour": "red"}, "colour"),
])
def test_report_headline_rejects_bad_rows(row, shown):
    with pytest.raises(ValueError, match=shown):
        report_headline([row])
    with pytest.raises(ValueError, match=r"\[\]"):
        report_headline([])


def test_headline_markdown_uses_four_significant_digits():
    assert "| test MSE | 0.0123 | 0.0151 (PCA-32) | — |" in headline_markdown([ROW])

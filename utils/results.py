"""The headline numbers a notebook reports, in a form the stamper can read back.

A notebook ends its Results section with one call::

    report_headline([
        {"metric": "test MSE, code 32", "ours": 0.0101, "baseline": 0.0118, "baseline_name": "PCA-32",
         "published": None},
    ])

It shows a small table, and stores the same numbers as a JSON output that `utils.runner` copies into the notebook's
stamp, from which the README's results table is generated.
"""

import math
import numbers

MIME_TYPE = "application/vnd.autoencoder-course.headline+json"
REQUIRED = ("metric", "ours", "baseline", "baseline_name")
OPTIONAL = ("published", "note")


def _clean(row):
    if not isinstance(row, dict):
        raise ValueError(f"Each headline must be a dict, got {row!r}.")
    missing = [key for key in REQUIRED if key not in row]
    unknown = sorted(set(row) - set(REQUIRED) - set(OPTIONAL))
    if missing or unknown:
        raise ValueError(f"Headline {row!r}: missing keys {missing}, unknown keys {unknown}.")
    for key in ("ours", "baseline"):
        value = row[key]
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
            raise ValueError(f"Headline {row['metric']!r}: {key} must be a finite number, got {value!r}.")
    clean = {key: row.get(key) for key in REQUIRED + OPTIONAL}
    clean["ours"], clean["baseline"] = float(row["ours"]), float(row["baseline"])
    return clean


def format_number(value):
    """Four significant digits, the precision the results table uses."""
    return f"{value:.4g}"


def headline_markdown(rows):
    """The headline rows as a Markdown table."""
    lines = ["| metric | ours | baseline | published |", "|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['metric']} | {format_number(row['ours'])} | {format_number(row['baseline'])} "
                     f"({row['baseline_name']}) | {row.get('published') or '—'} |")
    return "\n".join(lines)


def report_headline(rows):
    """Display the headline rows and store them for the stamper."""
    if not isinstance(rows, (list, tuple)) or not rows:
        raise ValueError(f"report_headline needs a non-empty list of dicts, got {rows!r}.")
    clean = [_clean(row) for row in rows]
    from IPython.display import display

    table = headline_markdown(clean)
    display({MIME_TYPE: {"headline": clean}, "text/markdown": table, "text/plain": table}, raw=True)

"""The headline numbers a notebook reports, in a form the stamper can read back.

A notebook ends its Results section with one call::

    report_headline([
        {"metric": "test MSE, code 32", "ours": 0.0101, "baseline": 0.0118, "baseline_name": "PCA-32",
         "better": "lower", "ours_uncertainty": 0.0002, "published": None},
    ])

`better` says which way is better (`"lower"` or `"higher"`). `ours_uncertainty` and `baseline_uncertainty` (optional,
≥ 0) are the ± half-widths of each number (a seed spread or two bootstrap standard errors: say which in the prose).
The row's verdict is computed, never typed: a `tie` when the two numbers are closer than their uncertainties added,
else `better` or `worse` for ours; a row without uncertainties is one run, and its verdict says so (`better (1 run)`).

It shows a small table, and stores the same numbers as a JSON output that `utils.course.runner` copies into the
notebook's stamp, from which the README's results table is generated.
"""

from utils import validation

MIME_TYPE = "application/vnd.autoencoder-course.headline+json"
REQUIRED = ("metric", "ours", "baseline", "baseline_name", "better")
OPTIONAL = ("ours_uncertainty", "baseline_uncertainty", "published", "note")
DIRECTIONS = ("lower", "higher")


def verdict(row):
    """`tie`, `better` or `worse` (for ours), from the row's numbers, uncertainties and direction."""
    margin = (row.get("ours_uncertainty") or 0.0) + (row.get("baseline_uncertainty") or 0.0)
    difference = row["ours"] - row["baseline"]
    if abs(difference) <= margin:
        return "tie"
    better = difference < 0 if row["better"] == "lower" else difference > 0
    word = "better" if better else "worse"
    return word if margin > 0 else f"{word} (1 run)"


def _clean(row):
    if not isinstance(row, dict):
        raise ValueError(f"Each headline must be a dict, got {row!r}.")
    missing = [key for key in REQUIRED if key not in row]
    unknown = sorted(set(row) - set(REQUIRED) - set(OPTIONAL))
    if missing or unknown:
        raise ValueError(f"Headline {row!r}: missing keys {missing}, unknown keys {unknown}.")
    clean = {key: row.get(key) for key in REQUIRED + OPTIONAL}
    for key in ("ours", "baseline"):
        clean[key] = validation.real(row[key], f"headline {row['metric']!r}: {key}")
    for key in ("ours_uncertainty", "baseline_uncertainty"):
        if row.get(key) is not None:
            clean[key] = validation.non_negative_real(row[key], f"headline {row['metric']!r}: {key}")
    validation.one_of(row["better"], f"headline {row['metric']!r}: better", DIRECTIONS)
    clean["verdict"] = verdict(clean)
    return clean


def format_number(value):
    """Four significant digits, the precision the results table uses."""
    return f"{value:.4g}"


def format_value(row, key):
    """`row[key]` to four significant digits, with `± uncertainty` when the row has one for it."""
    uncertainty = row.get(f"{key}_uncertainty")
    return format_number(row[key]) + (f" ± {uncertainty:.2g}" if uncertainty is not None else "")


def headline_markdown(rows):
    """The headline rows as a Markdown table."""
    lines = ["| metric | ours | baseline | verdict | published |", "|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['metric']} | {format_value(row, 'ours')} | {format_value(row, 'baseline')} "
                     f"({row['baseline_name']}) | {row['verdict']} | {row.get('published') or '—'} |")
    return "\n".join(lines)


def report_headline(rows):
    """Display the headline rows and store them for the stamper."""
    if not isinstance(rows, (list, tuple)) or not rows:
        raise ValueError(f"report_headline needs a non-empty list of dicts, got {rows!r}.")
    clean = [_clean(row) for row in rows]
    from IPython.display import display

    table = headline_markdown(clean)
    display({MIME_TYPE: {"headline": clean}, "text/markdown": table, "text/plain": table}, raw=True)

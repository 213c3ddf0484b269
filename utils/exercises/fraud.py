"""Checks for the exercises of notebook 15 (card-fraud detection).

Each check builds its own small example and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import verdict


def _budget_example(seed):
    """Scores, labels and day numbers of three days of transactions, days of different sizes and fraud counts."""
    rng = np.random.default_rng(seed)
    days = np.repeat([0, 1, 2], [300, 120, 200])
    labels = (rng.random(len(days)) < np.where(days == 1, 0.08, 0.02)).astype(int)
    scores = rng.normal(size=len(days)) + 1.0 * labels + np.where(days == 2, 1.0, 0.0)  # day 2 scores run high
    return scores, labels, days


def _reference(scores, labels, days, budget):
    caught = alerts = 0
    for day in np.unique(days):
        rows = np.flatnonzero(days == day)
        top = rows[np.argsort(-scores[rows], kind="stable")[:budget]]
        caught += labels[top].sum()
        alerts += len(top)
    return caught / alerts


def check_precision_at_budget(candidate):
    """Exercise 1: `candidate(scores, labels, days, budget)` is the precision of an alert queue that, each day,
    sends the `budget` highest-scoring transactions of that day to an analyst: frauds among all alerts."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_precision_at_budget and pass it.")
    for number, (seed, budget) in enumerate(((1, 10), (2, 25), (3, 150)), start=1):
        scores, labels, days = _budget_example(seed)
        try:
            answer = candidate(scores.copy(), labels.copy(), days.copy(), budget)
        except Exception as error:  # the learner's code may fail in any way; say how, kindly
            return verdict(False, f"my_precision_at_budget raised {type(error).__name__}: {error} on example "
                                  f"{number}.")
        try:
            answer = float(answer)
        except (TypeError, ValueError):
            return verdict(False, f"my_precision_at_budget returned {answer!r}; return one number.")
        expected = _reference(scores, labels, days, budget)
        if np.isclose(answer, expected):
            continue
        n_days = len(np.unique(days))
        overall = np.argsort(-scores, kind="stable")[:budget * n_days]
        if np.isclose(answer, labels[overall].mean()):
            return verdict(False, "you took the highest scores over all days at once; the budget is per day, so "
                                  "a day whose scores run high does not use up the others' alerts.")
        day_tops = [labels[np.flatnonzero(days == day)[np.argsort(-scores[days == day], kind="stable")[:budget]]]
                    for day in np.unique(days)]
        if np.isclose(answer, np.mean([top.mean() for top in day_tops])):
            return verdict(False, "you averaged each day's precision; pool the alerts of all days instead (frauds "
                                  "caught / alerts sent), so that a short day does not weigh as much as a long one.")
        if np.isclose(answer, sum(top.sum() for top in day_tops) / (budget * n_days)):
            return verdict(False, "a day with fewer transactions than the budget sends fewer alerts; divide by the "
                                  "alerts really sent.")
        return verdict(False, f"on example {number} (budget {budget}) you have {answer:.4f}, expected "
                              f"{expected:.4f}.")
    return verdict(True, "my_precision_at_budget ranks each day apart and pools the alerts, on three examples.")


def check_rows_in_train(candidate):
    """Exercise 2: `candidate(train, test)` counts the rows of the DataFrame `test` that also occur, with every
    column equal, in the DataFrame `train`."""
    import pandas as pd

    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_rows_in_train and pass it.")
    train = pd.DataFrame({"a": [1, 2, 3, 3, 4], "b": [0.5, 0.5, 1.0, 1.0, 2.0]})
    test = pd.DataFrame({"a": [3, 3, 5, 2, 4, 6], "b": [1.0, 1.0, 0.5, 0.5, 9.0, 0.0]})
    # in train: (3, 1.0) twice and (2, 0.5); (4, 9.0) shares only a; (5, 0.5) and (6, 0.0) are new → 3
    try:
        answer = candidate(train.copy(), test.copy())
    except Exception as error:  # the learner's code may fail in any way; say how, kindly
        return verdict(False, f"my_rows_in_train raised {type(error).__name__}: {error}.")
    try:
        answer = int(answer)
    except (TypeError, ValueError):
        return verdict(False, f"my_rows_in_train returned {answer!r}; return a count.")
    if answer == 3:
        return verdict(True, "my_rows_in_train counts the test rows that a model has already seen in training.")
    if answer == 2:
        return verdict(False, "a test row that occurs twice counts twice: both copies are scored, both leak.")
    if answer == 4:
        return verdict(False, "a row counts only when *every* column matches; one equal column is not a duplicate.")
    if answer == 1:
        return verdict(False, "that counts distinct duplicated rows; count the test rows, copies included.")
    return verdict(False, f"expected 3 test rows that occur in train, got {answer}.")

import numpy as np
import pytest

from utils.exercises.fraud import check_precision_at_budget, check_rows_in_train


def reference_budget(scores, labels, days, budget):
    caught = alerts = 0
    for day in np.unique(days):
        day_labels = labels[days == day][np.argsort(-scores[days == day])][:budget]
        caught, alerts = caught + day_labels.sum(), alerts + len(day_labels)
    return caught / alerts


def global_top(scores, labels, days, budget):
    return labels[np.argsort(-scores)[:budget * len(np.unique(days))]].mean()


def mean_of_days(scores, labels, days, budget):
    return np.mean([labels[days == d][np.argsort(-scores[days == d])][:budget].mean() for d in np.unique(days)])


def fixed_denominator(scores, labels, days, budget):
    caught = sum(labels[days == d][np.argsort(-scores[days == d])][:budget].sum() for d in np.unique(days))
    return caught / (budget * len(np.unique(days)))


def test_precision_at_budget_accepts_the_answer(capsys):
    assert check_precision_at_budget(reference_budget)
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, says", [(global_top, "over all days"), (mean_of_days, "averaged"),
                                         (fixed_denominator, "fewer alerts"), (lambda *args: None, "one number"),
                                         (lambda s, y, d, b: y.mean(), "expected"), (7, "expected a function")])
def test_precision_at_budget_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_precision_at_budget(wrong)
    assert says in capsys.readouterr().out


def test_rows_in_train_accepts_the_answer(capsys):
    assert check_rows_in_train(lambda train, test: test.merge(train.drop_duplicates(), how="inner").shape[0])
    assert check_rows_in_train(lambda train, test: int(test.apply(tuple, axis=1).isin(
        set(train.apply(tuple, axis=1))).sum()))
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, says", [
    (lambda train, test: test.drop_duplicates().merge(train.drop_duplicates()).shape[0], "twice"),
    (lambda train, test: int(test.a.isin(train.a).sum()), "every"),
    (lambda train, test: test.merge(train).shape[0], "expected"),  # merging with train's own copies double counts
    (lambda train, test: "3", "✅"),  # a string of the right count is accepted by int()
])
def test_rows_in_train_rejects_plausible_mistakes(wrong, says, capsys):
    result = check_rows_in_train(wrong)
    assert bool(result) == (says == "✅")
    assert says in capsys.readouterr().out

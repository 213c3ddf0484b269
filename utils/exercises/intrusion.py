"""Checks for the exercises of notebook 14 (intrusion detection on NSL-KDD).

Each check builds its own small labelled example and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import verdict

_FAMILIES = np.array(["normal"] * 12 + ["DoS"] * 6 + ["Probe"] * 4 + ["R2L"] * 5 + ["U2R"] * 3)


def _alarm_example(seed):
    rng = np.random.default_rng(seed)
    rates = {"normal": 0.1, "DoS": 0.9, "Probe": 0.7, "R2L": 0.3, "U2R": 0.5}
    alarms = np.array([rng.random() < rates[family] for family in _FAMILIES])
    alarms[_FAMILIES == "normal"] = np.r_[True, np.zeros(11, dtype=bool)]
    return alarms, _FAMILIES.copy()


def check_detection_by_family(candidate):
    """Exercise 1: `candidate(alarms, families)` returns `{family: detection rate}` for every attack family: the share
    of that family's connections that raised an alarm. `families` holds "normal" for normal connections."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_detection_by_family and pass it.")
    for number, seed in enumerate((3, 4, 5), start=1):
        alarms, families = _alarm_example(seed)
        try:
            answer = candidate(alarms.copy(), families.copy())
        except Exception as error:  # the learner's code may fail in any way; say how, kindly
            return verdict(False, f"my_detection_by_family raised {type(error).__name__}: {error} on example "
                                  f"{number}.")
        if not isinstance(answer, dict):
            return verdict(False, f"my_detection_by_family returned {type(answer).__name__}; return a dict "
                                  "{family: rate}.")
        attack_families = sorted(set(families) - {"normal"})
        missing = [family for family in attack_families if family not in answer]
        if missing:
            return verdict(False, f"the families {missing} are missing from your dict.")
        expected = {family: float(alarms[families == family].mean()) for family in attack_families}
        share_of_alarms = {family: float(np.sum(alarms & (families == family)) / alarms.sum())
                           for family in attack_families}
        share_of_attacks = {family: float(np.sum(alarms & (families == family)) / np.sum(families != "normal"))
                            for family in attack_families}
        for family in attack_families:
            try:
                value = float(answer[family])
            except (TypeError, ValueError):
                return verdict(False, f"the rate of {family} is {answer[family]!r}, not a number.")
            if np.isclose(value, expected[family]):
                continue
            if np.isclose(value, share_of_alarms[family]):
                return verdict(False, f"for {family} you divided by all alarms: that is the family's share of the "
                                      "alarms. Its detection rate divides by the number of its own connections.")
            if np.isclose(value, share_of_attacks[family]):
                return verdict(False, f"for {family} you divided by all attacks; divide by the number of "
                                      f"{family} connections only.")
            return verdict(False, f"on example {number}, {family}: you have {value:.4f}, expected "
                                  f"{expected[family]:.4f} (alarms among its {np.sum(families == family)} "
                                  "connections).")
        if "normal" in answer and not np.isclose(float(answer["normal"]), alarms[families == "normal"].mean()):
            return verdict(False, "your 'normal' entry should be the false-alarm rate (alarms among normal "
                                  "connections), or leave it out.")
    return verdict(True, "my_detection_by_family gives each attack family's detection rate on three examples.")


def check_unseen_types(candidate):
    """Exercise 2: `candidate(train_labels, test_labels)` returns a boolean mask over the test rows: True for an
    attack whose type never occurs in the training labels ("normal" is not an attack)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_unseen_mask and pass it.")
    train_labels = np.array(["normal", "neptune", "smurf", "normal", "ipsweep", "guess_passwd"])
    test_labels = np.array(["normal", "neptune", "mailbomb", "normal", "snmpguess", "ipsweep", "mailbomb",
                            "guess_passwd", "apache2"])
    expected = np.array([False, False, True, False, True, False, True, False, True])
    try:
        answer = np.asarray(candidate(train_labels.copy(), test_labels.copy()))
    except Exception as error:  # the learner's code may fail in any way; say how, kindly
        return verdict(False, f"my_unseen_mask raised {type(error).__name__}: {error}.")
    if answer.shape != expected.shape or answer.dtype != bool:
        return verdict(False, f"my_unseen_mask should return a boolean array of shape {expected.shape} (one entry "
                              f"per test row), got dtype {answer.dtype} and shape {answer.shape}.")
    if np.array_equal(answer, expected):
        return verdict(True, "my_unseen_mask finds the attacks of types never seen in training.")
    if np.array_equal(answer, ~np.isin(test_labels, train_labels) | (test_labels == "normal")):
        return verdict(False, "normal connections are marked unseen: only attacks can be of an unseen type.")
    if np.array_equal(answer, np.isin(test_labels, train_labels)):
        return verdict(False, "the mask is inverted: True should mean the type is *not* in the training labels.")
    if np.array_equal(answer, test_labels != "normal"):
        return verdict(False, "that marks every attack; keep only the types absent from the training labels.")
    return verdict(False, f"expected {expected.astype(int).tolist()} (1 = unseen attack), got "
                          f"{answer.astype(int).tolist()}.")

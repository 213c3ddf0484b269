"""Quick vs full mode, sizes, seeding and Keras verbosity.

Every notebook runs in one of two modes:

- **full** (the default): the real dataset sizes and epochs; the numbers in the prose come from here.
- **quick** (`AE_QUICK=1`, set by the test configuration): small subsets and few epochs, same code path.

A notebook never branches on the mode itself; it asks for its sizes once::

    from utils.settings import by_mode
    N_TRAIN = by_mode(full=54_000, quick=4_000)
    EPOCHS = by_mode(full=20, quick=2)
"""

import os
import random

import numpy as np

from utils import validation

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def is_quick():
    """True when `AE_QUICK` asks for quick mode (`1`, `true`, `yes`, `on`)."""
    value = os.environ.get("AE_QUICK", "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"AE_QUICK must be 1/0 (or true/false), got AE_QUICK={value!r}.")


def mode():
    """The name of the current mode: `"quick"` or `"full"`."""
    return "quick" if is_quick() else "full"


def by_mode(full, quick):
    """Return `full` in full mode and `quick` in quick mode.

    Both values must be of the same kind (two numbers, two tuples, ...), so a typo cannot slip a string into an epoch
    count. Numbers must be positive.
    """
    if isinstance(full, bool) or isinstance(quick, bool):
        raise ValueError(f"by_mode expects sizes, not booleans: full={full!r}, quick={quick!r}.")
    numbers = (int, float, np.integer, np.floating)
    if isinstance(full, numbers) or isinstance(quick, numbers):
        if not (isinstance(full, numbers) and isinstance(quick, numbers)):
            raise ValueError(f"by_mode needs two numbers, got full={full!r} and quick={quick!r}.")
        if full <= 0 or quick <= 0:
            raise ValueError(f"Sizes must be positive, got full={full!r} and quick={quick!r}.")
    elif type(full) is not type(quick):
        raise ValueError(f"by_mode needs two values of one type, got full={full!r} and quick={quick!r}.")
    return quick if is_quick() else full


def seed_everything(seed=42):
    """Seed Python, NumPy and the Keras backend so that a rerun gives the same numbers on the same machine."""
    seed = validation.non_negative_int(seed, "seed")
    import keras

    random.seed(int(seed))
    np.random.seed(int(seed))
    keras.utils.set_random_seed(int(seed))
    return int(seed)


def _verbosity():
    value = os.environ.get("AE_VERBOSE", "1").strip()
    if value not in {"0", "1", "2"}:
        raise ValueError(f"AE_VERBOSE must be 0, 1 or 2, got AE_VERBOSE={value!r}.")
    return int(value)


def fit_verbose():
    """The `verbose` argument for `model.fit`: 1 (Keras's progress bar) for a person in Jupyter, else 0.

    `AE_VERBOSE=1` (the default) is a person in Jupyter. Under test and when a notebook is stamped, `AE_VERBOSE=2`
    asks for a short text log instead, which `utils.training.epoch_logger` prints; `AE_VERBOSE=0` silences training.
    """
    return 1 if _verbosity() == 1 else 0


def log_epochs():
    """True when training should be logged as short lines of text (`AE_VERBOSE=2`)."""
    return _verbosity() == 2

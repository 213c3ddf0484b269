"""Argument checks shared by every `utils` module (modelled on Keras's `argument_validation`).

Each check returns the value in a clean form (a Python `int`, `float` or tuple) or raises `ValueError` with the name
of the argument and the bad value, so a learner sees at once what to change::

    units = positive_int(units, "units")
    rate = real(rate, "rate", low=0.0, high=1.0, high_inclusive=False)
"""

import math
import numbers


def _is_integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def positive_int(value, name):
    """`value` as an `int` ≥ 1, else `ValueError`."""
    if not _is_integer(value) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}.")
    return int(value)


def non_negative_int(value, name):
    """`value` as an `int` ≥ 0, else `ValueError`."""
    if not _is_integer(value) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}.")
    return int(value)


def optional_seed(value, name="seed"):
    """`None` (no fixed seed) or a non-negative `int`."""
    return None if value is None else non_negative_int(value, name)


def real(value, name, low=None, high=None, low_inclusive=True, high_inclusive=True):
    """`value` as a finite `float` inside the given bounds (each bound optional), else `ValueError`.

    Args:
        value: the number to check.
        name: the argument's name, for the message.
        low, high: the bounds, or `None` for no bound on that side.
        low_inclusive, high_inclusive: whether each bound itself is allowed.
    """
    if not _is_real(value) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}.")
    too_low = low is not None and (value < low or (value == low and not low_inclusive))
    too_high = high is not None and (value > high or (value == high and not high_inclusive))
    if too_low or too_high:
        left = "[" if low_inclusive else "("
        right = "]" if high_inclusive else ")"
        interval = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        raise ValueError(f"{name} must lie in {interval}, got {value!r}.")
    return float(value)


def non_negative_real(value, name):
    """`value` as a finite `float` ≥ 0."""
    return real(value, name, low=0.0)


def positive_real(value, name):
    """`value` as a finite `float` > 0."""
    return real(value, name, low=0.0, low_inclusive=False)


def boolean(value, name):
    """`value` itself when it is `True` or `False` (not 0/1, not a string)."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, got {value!r}.")
    return value


def shape(value, name):
    """A shape of one example, as a tuple of positive ints; a lone int `n` means `(n,)`."""
    if _is_integer(value):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not value or not all(_is_integer(v) and v >= 1 for v in value):
        raise ValueError(f"{name} must be a non-empty tuple of positive integers, got {value!r}.")
    return tuple(int(size) for size in value)


def int_sequence(value, name, allow_empty=True):
    """A sequence of positive ints (layer widths, filter counts) as a tuple, e.g. `(512, 128)`."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ValueError(f"{name} must be a sequence of positive integers (e.g. (512, 128)), got {value!r}.")
    values = tuple(value)
    if not values and not allow_empty:
        raise ValueError(f"{name} must hold at least one positive integer, got {value!r}.")
    return tuple(positive_int(entry, f"every entry of {name}") for entry in values)


def one_of(value, name, choices):
    """`value` when it is one of `choices`, else `ValueError` listing them."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {tuple(choices)}, got {value!r}.")
    return value


def activation(value, name):
    """`value` when Keras knows it as an activation (or it is `None`, meaning linear)."""
    if value is None:
        return None
    import keras

    try:
        keras.activations.get(value)
    except ValueError as error:
        raise ValueError(f"{name} is not a Keras activation: {value!r}.") from error
    return value

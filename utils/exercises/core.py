"""What every exercise check shares: the `Verdict` it returns, and generic comparisons of numbers and models.

A learner calls a check after an exercise, and it says, kindly, what is wrong or that it is right.

Each check prints its verdict and returns a `Verdict`, which is true or false; it never raises on a wrong answer, so
a learner's notebook keeps running. (It does raise `ValueError` when the check itself is called with impossible
arguments.)
"""

import numpy as np

from utils import validation

PASS = "✅ "
NOT_YET = "🔎 Not yet: "


class Verdict:
    """The outcome of a check: true when the answer is right. Jupyter shows nothing for it (the check printed)."""

    def __init__(self, ok, message):
        self.ok, self.message = bool(ok), message

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return f"Verdict(ok={self.ok}, message={self.message!r})"

    def _ipython_display_(self):
        pass


def verdict(ok, message):
    """Print the verdict (✅ or 🔎 Not yet: …) and return it as a `Verdict`."""
    print((PASS if ok else NOT_YET) + message)
    return Verdict(ok, message)


def call_learner(candidate, name, args, number):
    """Call a learner's function on example `number`; return (answer as a float array, None), or (None, Verdict)
    saying kindly how it failed (it raised, or returned None)."""
    try:
        answer = candidate(*args)
    except Exception as error:  # the learner's code may fail in any way; say how, kindly
        return None, verdict(False, f"{name} raised {type(error).__name__}: {error} on example {number}.")
    if answer is None:
        return None, verdict(False, f"{name} returned None on example {number}. Did you forget `return`?")
    try:
        return np.asarray(answer, dtype=np.float64), None
    except (TypeError, ValueError):
        return None, verdict(False, f"{name} returned {type(answer).__name__} on example {number}; expected numbers.")


def one_number(answer, name, hint=""):
    """Read a learner's answer that should be one number: return (the float, None), or (None, Verdict) saying kindly
    that it is still None or is not a number."""
    hint = f" {hint}" if hint else ""
    if answer is None:
        return None, verdict(False, f"{name} is still None. Replace it with your result.{hint}")
    try:
        return float(np.asarray(answer, dtype=np.float64)), None
    except (TypeError, ValueError):
        return None, verdict(False, f"{name} should be one number, got {type(answer).__name__}.")


def known_mistake(answer, mistakes, expected=None, rtol=1e-4):
    """The `Verdict` for the first known mistake whose value `answer` matches within `rtol`, or None.

    Args:
        answer: the learner's number or array.
        mistakes: {kind message saying what went wrong: the value that mistake gives}, in the order to try them.
        expected: the right answer; a mistake whose value equals it on this example is skipped.
        rtol: the relative tolerance of a match.

    Returns:
        `verdict(False, message)` (printed) for the first match, or None when the answer matches no known mistake.
    """
    def close(a, b):
        return np.shape(a) == np.shape(b) and bool(np.allclose(a, b, rtol=rtol))

    for message, value in mistakes.items():
        if close(answer, value) and not (expected is not None and close(answer, expected)):
            return verdict(False, message)
    return None


def check_value(answer, expected, name="your answer", rtol=1e-3, atol=1e-8, hint=""):
    """Compare a number or an array with the expected one, within `rtol`/`atol`."""
    if rtol < 0 or atol < 0:
        raise ValueError(f"rtol and atol must be non-negative, got rtol={rtol!r}, atol={atol!r}.")
    hint = f" Hint: {hint}" if hint else ""
    if answer is None:
        return verdict(False, f"{name} is still None. Replace it with your result.{hint}")
    try:
        answer_array = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return verdict(False, f"{name} should be a number or an array of numbers, got {type(answer).__name__}.{hint}")
    expected_array = np.asarray(expected, dtype=np.float64)
    if answer_array.shape != expected_array.shape:
        return verdict(False, f"{name} has shape {answer_array.shape}, but the expected shape is "
                               f"{expected_array.shape}.{hint}")
    if not np.allclose(answer_array, expected_array, rtol=rtol, atol=atol):
        if answer_array.ndim == 0:
            detail = f"you have {float(answer_array):.6g}, expected {float(expected_array):.6g}"
        else:
            worst = int(np.argmax(np.abs(answer_array - expected_array)))
            detail = (f"the largest difference is at flat index {worst}: you have "
                      f"{answer_array.ravel()[worst]:.6g}, expected {expected_array.ravel()[worst]:.6g}")
        return verdict(False, f"{name} is not quite right: {detail}.{hint}")
    return verdict(True, f"{name} is right.")


def check_autoencoder(model, input_shape, code_size):
    """Check that `model` maps `input_shape` to `input_shape` through a bottleneck of `code_size` units."""
    import keras

    code_size = validation.positive_int(code_size, "code_size")
    input_shape = tuple(input_shape)
    if model is None:
        return verdict(False, "the model is still None. Build it and assign it to the variable.")
    if not isinstance(model, keras.Model):
        return verdict(False, f"expected a keras.Model, got {type(model).__name__}.")
    model_input = tuple(model.input.shape[1:])
    model_output = tuple(model.output.shape[1:])
    if model_input != input_shape:
        return verdict(False, f"the model takes inputs of shape {model_input}; it should take {input_shape}.")
    if model_output != input_shape:
        return verdict(False, f"the model outputs shape {model_output}, but an autoencoder must give back the "
                               f"input's shape {input_shape}.")
    widths = [int(np.prod(layer.output.shape[1:])) for layer in _all_layers(model) if hasattr(layer, "units")]
    if not widths:
        return verdict(False, "no Dense layer found: where is the code?")
    if min(widths) != code_size:
        return verdict(False, f"the narrowest Dense layer has {min(widths)} units; the code should have "
                               f"{code_size}.")
    return verdict(True, f"a {input_shape} → {code_size} → {input_shape} autoencoder "
                          f"({model.count_params():,} parameters).")


def _all_layers(model):
    for layer in model.layers:
        if hasattr(layer, "layers"):
            yield from _all_layers(layer)
        else:
            yield layer


def all_layers(model):
    """Every layer of `model`, nested models (an encoder, a decoder) opened in order."""
    for layer in model.layers:
        if hasattr(layer, "layers"):
            yield from all_layers(layer)
        else:
            yield layer

"""Checks for the exercises of notebook 17 (learned image compression).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, verdict


def _sigmoid(values):
    return 1.0 / (1.0 + np.exp(-values))


def _byte_examples():
    """(data, image_shape) pairs: byte strings of a few lengths and image shapes of both orientations."""
    rng = np.random.default_rng(17)
    return [(rng.integers(0, 256, 12_292, dtype=np.uint8).tobytes(), (512, 768, 3)),
            (rng.integers(0, 256, 3_004, dtype=np.uint8).tobytes(), (768, 512, 3)),
            (rng.integers(0, 256, 777, dtype=np.uint8).tobytes(), (320, 480, 3))]


def check_bits_per_pixel(candidate):
    """Exercise 1: `candidate(data, image_shape)` is the rate of one compressed image in bits per pixel: 8 times the
    number of bytes (all of them: the header is part of the file) divided by height × width (pixels, not colour
    values)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_bits_per_pixel and pass its name.")
    for number, (data, shape) in enumerate(_byte_examples(), start=1):
        answer, failed = call_learner(candidate, "my_bits_per_pixel", (data, shape), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_bits_per_pixel returned shape {answer.shape}; return one number.")
        height, width = shape[:2]
        expected = 8 * len(data) / (height * width)
        mistakes = {
            "that is bytes per pixel: a byte is 8 bits.": len(data) / (height * width),
            "that divides by every colour value (height × width × 3); bits per pixel counts pixels, so an RGB pixel "
            "is one pixel.": 8 * len(data) / (height * width * 3),
            "the 4-byte header was left out: side information is part of the file and is charged too.":
                8 * (len(data) - 4) / (height * width),
            "that is the number of bits of the whole file; divide by the number of pixels.": 8.0 * len(data),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-6)
        if mistake is not None:
            return mistake
        if not np.isclose(answer, expected, rtol=1e-6):
            return verdict(False, f"on example {number} ({len(data)} bytes, image {shape}) you have "
                                  f"{float(answer):.5g}, expected {expected:.5g}.")
    return verdict(True, "my_bits_per_pixel counts every byte, 8 bits each, per pixel.")


def _probability(k, loc, scale):
    return _sigmoid((k + 0.5 - loc) / scale) - _sigmoid((k - 0.5 - loc) / scale)


def _integer_examples():
    return [(np.arange(-4, 5), 0.0, 1.0), (np.arange(-3, 8), 1.3, 0.4), (np.array([0, 2, 25]), -0.7, 3.0)]


def check_integer_probability(candidate):
    """Exercise 2: `candidate(k, loc, scale)` is the probability of each integer in the array `k` under a logistic
    density with location `loc` and scale `scale`: CDF(k + ½) − CDF(k − ½), with CDF(x) = σ((x − loc) / scale)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_integer_probability and pass "
                              "its name.")
    for number, (k, loc, scale) in enumerate(_integer_examples(), start=1):
        answer, failed = call_learner(candidate, "my_integer_probability", (k.copy(), loc, scale), number)
        if failed is not None:
            return failed
        if answer.shape != k.shape:
            return verdict(False, f"my_integer_probability returned shape {answer.shape}; return one probability "
                                  f"per integer, shape {k.shape}.")
        expected = _probability(k, loc, scale)
        z = (k - loc) / scale
        mistakes = {
            "that is the logistic *density* at k, not the probability *mass* of the integer k: integrate the density "
            "over [k − ½, k + ½], i.e. CDF(k + ½) − CDF(k − ½).": _sigmoid(z) * (1 - _sigmoid(z)) / scale,
            "that is CDF(k) − CDF(k − 1): the interval is shifted by half a step. An integer k collects the values "
            "that round to it, [k − ½, k + ½].": _sigmoid(z) - _sigmoid((k - 1 - loc) / scale),
            "that is CDF(k + ½) alone: subtract CDF(k − ½) to keep only the values that round to k.":
                _sigmoid((k + 0.5 - loc) / scale),
            "the scale is missing: divide (x − loc) by scale inside the sigmoid.":
                _sigmoid(k + 0.5 - loc) - _sigmoid(k - 0.5 - loc),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-5)
        if mistake is not None:
            return mistake
        if not np.allclose(answer, expected, rtol=1e-5, atol=1e-12):
            worst = int(np.argmax(np.abs(answer - expected)))
            return verdict(False, f"on example {number} (loc={loc}, scale={scale}), for k={k[worst]} you have "
                                  f"{answer[worst]:.5g}, expected {expected[worst]:.5g}.")
    return verdict(True, "my_integer_probability gives the mass of each integer: CDF(k + ½) − CDF(k − ½).")


def _message_examples():
    rng = np.random.default_rng(7)
    examples = []
    for size, count in ((4, 50), (9, 200)):
        probabilities = rng.dirichlet(np.ones(size))
        symbols = rng.choice(size, count, p=rng.dirichlet(np.ones(size)))  # not drawn from the model itself
        examples.append((probabilities, symbols))
    return examples


def check_code_length(candidate):
    """Exercise 3: `candidate(probabilities, symbols)` is the ideal length in bits of a message of `symbols` coded
    with the model `probabilities`: Σ −log2 p(symbol) over the message (what an ideal entropy coder spends, and what a
    range coder spends within a few bytes)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_code_length and pass its name.")
    for number, (probabilities, symbols) in enumerate(_message_examples(), start=1):
        answer, failed = call_learner(candidate, "my_code_length", (probabilities.copy(), symbols.copy()), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_code_length returned shape {answer.shape}; return one number, the bits of "
                                  "the whole message.")
        expected = float(-np.log2(probabilities[symbols]).sum())
        counts = np.bincount(symbols, minlength=len(probabilities)) / len(symbols)
        used = counts > 0
        mistakes = {
            "that is in nats (natural log); use log2 for bits.": float(-np.log(probabilities[symbols]).sum()),
            "that is the mean bits per symbol; the message's length is the sum over its symbols.": expected / len(
                symbols),
            "that is the model's entropy times the message length: it assumes the symbols follow the model. The "
            "cost depends on the symbols actually sent: sum −log2 p(symbol) over them.":
                float(-(probabilities * np.log2(probabilities)).sum() * len(symbols)),
            "that is the empirical entropy of the message (its own symbol frequencies): what an ideal code *fitted "
            "to this message* would spend, not what this model spends.":
                float(-(counts[used] * np.log2(counts[used])).sum() * len(symbols)),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-5)
        if mistake is not None:
            return mistake
        if not np.isclose(answer, expected, rtol=1e-5):
            return verdict(False, f"on example {number} you have {float(answer):.5g} bits, expected {expected:.5g}.")
    return verdict(True, "my_code_length is the cross-entropy of the message under the model, in bits.")

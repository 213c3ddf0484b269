"""Checks for the exercises of notebook 19 (super-resolution).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, verdict


def _psnr(reference, estimate, data_range=255.0):
    mse = np.mean((np.asarray(reference, np.float64) - np.asarray(estimate, np.float64)) ** 2)
    return 10 * np.log10(data_range**2 / mse)


def _psnr_examples(seed=19):
    """(reference, estimate, scale) triples on the 0–255 scale whose border is much worse than the middle, as an
    upscaled image's is."""
    rng = np.random.default_rng(seed)
    examples = []
    for height, width, scale in ((30, 42, 3), (24, 20, 2), (36, 48, 4)):
        reference = rng.integers(16, 236, size=(height, width)).astype(np.float64)
        error = rng.normal(0, 3, size=(height, width))
        error[:scale + 1] += rng.normal(0, 25, size=(scale + 1, width))
        error[:, -scale - 1:] += rng.normal(0, 25, size=(height, scale + 1))
        examples.append((reference, np.clip(np.round(reference + error), 0, 255), scale))
    return examples


def check_benchmark_psnr(candidate):
    """Exercise 1: `candidate(reference, estimate, scale)` is the super-resolution benchmark's PSNR in dB of two Y
    images on the 0–255 scale, after leaving out a border of `scale` pixels on every side."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define benchmark_psnr and pass its name.")
    for number, (reference, estimate, scale) in enumerate(_psnr_examples(), start=1):
        answer, failed = call_learner(candidate, "benchmark_psnr", (reference.copy(), estimate.copy(), scale), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"benchmark_psnr returned shape {answer.shape}; return one number in dB.")
        inner = (slice(scale, -scale), slice(scale, -scale))
        expected = _psnr(reference[inner], estimate[inner])
        mistakes = {
            "that is the PSNR of the whole image. The protocol leaves out a border of `scale` pixels on every side, "
            "where the upscaler had no neighbours to work with.": _psnr(reference, estimate),
            "that uses a data range of 1, but these images are on the 0–255 scale: the peak is 255.":
                _psnr(reference[inner], estimate[inner], data_range=1.0),
            "that shaves only the top and left borders (`[scale:, scale:]`); shave all four sides.":
                _psnr(reference[scale:, scale:], estimate[scale:, scale:]),
            "that shaves one pixel, not `scale` pixels.": _psnr(reference[1:-1, 1:-1], estimate[1:-1, 1:-1]),
        }
        wrong = known_mistake(float(answer), mistakes, expected=expected)
        if wrong is not None:
            return wrong
        if not np.isclose(float(answer), expected, rtol=1e-6):
            return verdict(False, f"on example {number} (scale {scale}) you return {float(answer):.4f} dB, expected "
                                  f"{expected:.4f}. PSNR = 10·log10(255² / MSE) over the shaved images.")
    return verdict(True, "your PSNR follows the benchmark protocol: 0–255 peak, a border of `scale` pixels left out.")


def _depth_to_space(features, scale):
    """TensorFlow's order: channel (i·scale + j)·C + c → pixel (h·scale + i, w·scale + j), channel c."""
    height, width, depth = features.shape
    channels = depth // (scale * scale)
    blocks = features.reshape(height, width, scale, scale, channels)
    return blocks.transpose(0, 2, 1, 3, 4).reshape(height * scale, width * scale, channels)


def _channel_first_order(features, scale):
    """PyTorch's `PixelShuffle` order: channel c·scale² + i·scale + j."""
    height, width, depth = features.shape
    channels = depth // (scale * scale)
    blocks = features.reshape(height, width, channels, scale, scale)
    return blocks.transpose(0, 3, 1, 4, 2).reshape(height * scale, width * scale, channels)


def check_pixel_shuffle(candidate):
    """Exercise 2: `candidate(features, scale)` rearranges an (H, W, scale²·C) array into (scale·H, scale·W, C) in
    TensorFlow's `depth_to_space` order, with NumPy only."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define pixel_shuffle and pass its name.")
    rng = np.random.default_rng(190)
    for number, (height, width, scale, channels) in enumerate(((3, 4, 2, 1), (2, 3, 3, 2), (4, 2, 2, 3)), start=1):
        features = rng.normal(size=(height, width, scale * scale * channels))
        answer, failed = call_learner(candidate, "pixel_shuffle", (features.copy(), scale), number)
        if failed is not None:
            return failed
        expected = _depth_to_space(features, scale)
        if answer.shape != expected.shape:
            return verdict(False, f"on an input of shape {features.shape} with scale {scale} you return shape "
                                  f"{answer.shape}, expected {expected.shape}.")
        mistakes = {
            "that reshapes straight to the large image without moving the axes: the sub-pixels of one pixel end up "
            "side by side along a row. Split the channels into (scale, scale, C), then put each scale axis next to "
            "the image axis it enlarges before the last reshape.": features.reshape(expected.shape),
            "that is PyTorch's order (channel c·scale² + i·scale + j), not TensorFlow's ((i·scale + j)·C + c). "
            "The two agree only when C = 1; a model trained with one cannot be run with the other.":
                _channel_first_order(features, scale),
            "that swaps rows and columns inside each block (i and j): transpose to (H, i, W, j, C), not "
            "(H, j, W, i, C).": features.reshape(height, width, scale, scale, channels).transpose(0, 3, 1, 2, 4)
                .reshape(expected.shape),
        }
        wrong = known_mistake(answer, mistakes, expected=expected, rtol=1e-9)
        if wrong is not None:
            return wrong
        if not np.allclose(answer, expected, rtol=1e-9, atol=1e-12):
            return verdict(False, f"on an input of shape {features.shape} with scale {scale} your pixels land in the "
                                  "wrong places. Low-resolution pixel (h, w), channel (i·scale + j)·C + c goes to "
                                  "(h·scale + i, w·scale + j), channel c.")
    return verdict(True, "your pixel shuffle puts every sub-pixel where TensorFlow's depth_to_space does.")

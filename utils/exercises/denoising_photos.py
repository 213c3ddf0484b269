"""Checks for the exercises of notebook 16 (denoising photos).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import call_learner, known_mistake, verdict

RECEPTIVE_FIELD_EXAMPLES = ([3] * 10, [5, 3, 3], [7, 5, 3, 1], [1, 1], [3] * 17, [9, 1, 5])


def check_receptive_field(candidate):
    """Exercise 1: `candidate(kernel_sizes)` is the side of the window one output pixel sees through stride-1
    convolutions of the given (odd) kernel sizes, stacked in that order: `1 + Σ (k − 1)`."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_receptive_field and pass its name.")
    for number, kernel_sizes in enumerate(RECEPTIVE_FIELD_EXAMPLES, start=1):
        answer, failed = call_learner(candidate, "my_receptive_field", (list(kernel_sizes),), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_receptive_field returned shape {answer.shape}; return one number, the side "
                                  "of the window in pixels.")
        expected = 1 + sum(k - 1 for k in kernel_sizes)
        mistakes = {
            f"for kernels {kernel_sizes} you added the kernel sizes. Two 3×3 layers do not see 6×6: the second "
            "layer's window overlaps the first's, so each layer widens the window by k − 1, not by k.":
                sum(kernel_sizes),
            f"for kernels {kernel_sizes} you used 2 · depth + 1, which holds only when every kernel is 3×3: each "
            "layer widens the window by k − 1.": 2 * len(kernel_sizes) + 1,
            f"for kernels {kernel_sizes} you forgot the centre pixel: one 3×3 layer sees 3 pixels across, "
            "1 + (3 − 1).": expected - 1,
            f"for kernels {kernel_sizes} you multiplied the kernel sizes; windows of stacked stride-1 layers grow "
            "by addition.": float(np.prod(kernel_sizes)),
        }
        mistake = known_mistake(answer, mistakes, expected)
        if mistake is not None:
            return mistake
        if not np.isclose(answer, expected):
            return verdict(False, f"for kernels {kernel_sizes} you have {float(answer):.4g}, expected {expected}. "
                                  "Start from 1 pixel and let each layer of kernel k widen the window by k − 1.")
    return verdict(True, "my_receptive_field is right: 10 layers of 3×3 see 21×21 pixels, DnCNN's 17 see 35×35.")


def _paired_examples(seed=16):
    """(ours, baseline) per-image PSNR pairs: image difficulty shared by both methods, a small gain on top."""
    rng = np.random.default_rng(seed)
    examples = []
    for n, gain, spread in ((100, 0.4, 0.15), (24, 0.1, 0.3), (12, -0.2, 0.05)):
        difficulty = rng.normal(28.0, 2.5, n)
        baseline = difficulty + rng.normal(0.0, 0.05, n)
        examples.append((baseline + gain + rng.normal(0.0, spread, n), baseline))
    return examples


def check_paired_gain(candidate):
    """Exercise 2: `candidate(ours, baseline)` returns `(mean_gain, two_standard_errors)` of the per-image paired
    differences `ours − baseline` (standard error with ddof=1)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_paired_gain and pass its name.")
    for number, (ours, baseline) in enumerate(_paired_examples(), start=1):
        answer, failed = call_learner(candidate, "my_paired_gain", (ours.copy(), baseline.copy()), number)
        if failed is not None:
            return failed
        if answer.shape != (2,):
            return verdict(False, f"my_paired_gain returned shape {answer.shape}; return two numbers, "
                                  "(mean_gain, two_standard_errors).")
        differences = ours - baseline
        n = len(differences)
        expected = np.array([differences.mean(), 2 * differences.std(ddof=1) / np.sqrt(n)])
        unpaired = 2 * np.sqrt(ours.var(ddof=1) / n + baseline.var(ddof=1) / n)
        mistakes = {
            "the gain has the wrong sign: it is ours − baseline, positive when ours is better.":
                np.array([-expected[0], expected[1]]),
            "that spread treats the two methods as independent samples. They were scored on the same images, and "
            "most of each image's PSNR is how hard the image is: take the standard error of the per-image "
            "differences instead.": np.array([expected[0], unpaired]),
            "that is one standard error; the course reports two (a rough 95 % interval).":
                np.array([expected[0], expected[1] / 2]),
            "that is the standard deviation of the differences, not the standard error of their mean: divide by "
            "√n.": np.array([expected[0], 2 * differences.std(ddof=1)]),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-6)
        if mistake is not None:
            return mistake
        if not np.allclose(answer, expected, rtol=1e-2):
            return verdict(False, f"on example {number} you have ({answer[0]:.4g}, {answer[1]:.4g}), expected "
                                  f"({expected[0]:.4g}, {expected[1]:.4g}): the mean of ours − baseline over the "
                                  "images, and twice the standard deviation of those differences (ddof=1) over √n.")
    return verdict(True, "my_paired_gain is right: on the same images, the spread of the differences is what "
                         "decides a tie.")


def _noisy_examples(seed=16):
    """(noisy image, true sigma): smooth images with edges, Gaussian noise of three levels, pixels in [0, 1]."""
    rng = np.random.default_rng(seed)
    rows, columns = np.mgrid[0:96, 0:128] / 128.0
    clean = 0.3 + 0.4 * rows * columns + 0.2 * (columns > 0.5) + 0.1 * np.sin(6 * rows)
    return [(clean + rng.normal(0.0, sigma, clean.shape), sigma) for sigma in (5 / 255, 25 / 255, 50 / 255)]


def check_estimate_sigma(candidate):
    """Exercise 3: `candidate(noisy)` estimates the standard deviation of the Gaussian noise in one gray image, on
    the image's own scale, within 10 % of scikit-image's `estimate_sigma` (the median absolute deviation of the
    finest diagonal wavelet coefficients, divided by 0.6745)."""
    from skimage.restoration import estimate_sigma

    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_estimate_sigma and pass its name.")
    for number, (noisy, sigma) in enumerate(_noisy_examples(), start=1):
        answer, failed = call_learner(candidate, "my_estimate_sigma", (noisy.copy(),), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_estimate_sigma returned shape {answer.shape}; return one number.")
        expected = float(estimate_sigma(noisy))
        mistakes = {
            "that looks like the median absolute coefficient without the 0.6745: for Gaussian noise the median of "
            "|n| is 0.6745 σ, so divide by it.": expected * 0.6745,
            "that is on the 0–255 scale; the image is in [0, 1], so give σ on that scale.": expected * 255,
            "that is the standard deviation of the whole image: it measures the picture (its edges and shading) "
            "as much as the noise. Look only at the finest diagonal detail, where a photo has little signal.":
                float(noisy.std()),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=0.03)
        if mistake is not None:
            return mistake
        if not abs(float(answer) - expected) <= 0.1 * expected:
            return verdict(False, f"on example {number} (true σ = {sigma:.4f}) you estimate {float(answer):.4f}; "
                                  f"scikit-image's estimate is {expected:.4f}. Take the finest diagonal wavelet "
                                  "coefficients (pywt.dwt2(noisy, 'db2')), their median absolute value, / 0.6745.")
    return verdict(True, "my_estimate_sigma is right: a noise level from the image alone, what a blind denoiser "
                         "or NL-means's h needs.")

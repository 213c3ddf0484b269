"""Checks for the exercises of notebook 05 (denoising autoencoders).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils import validation
from utils.exercises.core import all_layers, call_learner, check_autoencoder, known_mistake, verdict


def _image_pairs(seed=5):
    """(clean, restored) pairs of 28 × 28 images in [0, 1], from nearly perfect to very noisy."""
    rng = np.random.default_rng(seed)
    pairs = []
    for noise in (0.01, 0.1, 0.3):
        clean = rng.uniform(0, 1, (28, 28)).astype(np.float32)
        pairs.append((clean, np.clip(clean + noise * rng.standard_normal(clean.shape), 0, 1).astype(np.float32)))
    return pairs


def check_psnr(candidate):
    """Exercise 1: `candidate(clean, restored)` is the PSNR in dB of one image with pixels in [0, 1]."""
    from skimage.metrics import peak_signal_noise_ratio

    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_psnr and pass its name.")
    for number, (clean, restored) in enumerate(_image_pairs(), start=1):
        answer, failed = call_learner(candidate, "my_psnr", (clean.copy(), restored.copy()), number)
        if failed is not None:
            return failed
        if answer.ndim != 0:
            return verdict(False, f"my_psnr returned shape {answer.shape}: one number per pixel or row. The PSNR "
                                  "of an image is one number: average the squared errors over all its pixels.")
        expected = peak_signal_noise_ratio(clean, restored, data_range=1.0)
        mse = np.mean((clean.astype(np.float64) - restored) ** 2)
        mistakes = {
            "that is the mean squared error itself, not the PSNR: take 10 · log10(1 / MSE).": mse,
            "the peak is 255 there; pixels here are in [0, 1], so the peak value is 1.": 10 * np.log10(255**2 / mse),
            "20 · log10 belongs with the root of the MSE; with the MSE itself it is 10 · log10(1 / MSE).":
                20 * np.log10(1 / mse),
            "that is a natural logarithm: decibels use log10.": 10 * np.log(1 / mse),
            "the sign is flipped: PSNR is 10 · log10(peak² / MSE), higher for a better image.": 10 * np.log10(mse),
        }
        mistake = known_mistake(answer, mistakes, expected, rtol=1e-4)
        if mistake is not None:
            return mistake
        if not np.isclose(answer, expected, rtol=1e-4):
            return verdict(False, f"on example {number} you have {float(answer):.4f} dB, expected "
                                  f"{expected:.4f} dB.")
    return verdict(True, "my_psnr agrees with scikit-image's peak_signal_noise_ratio on three images.")


def check_masking_noise(candidate):
    """Exercise 2: `candidate(images, rate, rng)` returns a copy of `images` where each pixel, independently and
    with probability `rate`, is set to 0 (the others kept), using the NumPy generator `rng`."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define mask_pixels and pass its name.")
    rng = np.random.default_rng(11)
    images = rng.uniform(0.05, 1.0, (200, 28, 28)).astype(np.float32)  # no pixel is 0 before masking
    for number, rate in enumerate((0.3, 0.5, 0.8), start=1):
        original = images.copy()
        answer, failed = call_learner(candidate, "mask_pixels", (images, rate, np.random.default_rng(number)),
                                      number)
        if failed is not None:
            return failed
        if not np.array_equal(images, original):
            return verdict(False, "mask_pixels changed the images it was given; return a new array and leave the "
                                  "input as it was (the clean images are the targets).")
        if answer.shape != images.shape:
            return verdict(False, f"mask_pixels returned shape {answer.shape} for images of shape "
                                  f"{images.shape}; the output must have the input's shape.")
        masked = answer == 0
        if not np.all(masked | np.isclose(answer, images)):
            return verdict(False, "some pixels are neither 0 nor their original value: masking hides a pixel, it "
                                  "does not scale or add to the ones it keeps (that would be dropout or noise).")
        fraction = masked.mean()
        if abs(fraction - (1 - rate)) < 0.02 and abs(fraction - rate) > 0.05:
            return verdict(False, f"at rate {rate} you masked {fraction:.0%} of the pixels: that is the fraction "
                                  "to keep. Mask a pixel where the uniform draw is below `rate`.")
        if abs(fraction - rate) > 0.02:
            return verdict(False, f"at rate {rate} you masked {fraction:.1%} of the pixels; about {rate:.0%} "
                                  "should be.")
        if np.all(masked == masked[:1]):
            return verdict(False, "every image has the same pixels masked: draw a mask of the images' full shape, "
                                  "so each image gets its own holes.")
        again, failed = call_learner(candidate, "mask_pixels", (images, rate, np.random.default_rng(number)), number)
        if failed is not None:
            return failed
        if not np.array_equal(again, answer):
            return verdict(False, "the same generator seed gave different masks: draw the random numbers from "
                                  "`rng` (rng.random(images.shape)), not from np.random.")
    return verdict(True, "mask_pixels hides the right fraction of pixels, independently per image, from `rng`.")


def check_masking_denoiser(model, code_size=64, rate=0.3):
    """Exercise 3: `model` is a (28, 28) → `code_size` → (28, 28) autoencoder with masking noise at `rate` in
    front, active only while training."""
    from utils.noise import MaskingNoise

    code_size = validation.positive_int(code_size, "code_size")
    rate = validation.real(rate, "rate", low=0.0, high=1.0)
    shape_verdict = check_autoencoder(model, input_shape=(28, 28), code_size=code_size)
    if not shape_verdict:
        return shape_verdict
    noise_layers = [layer for layer in all_layers(model) if isinstance(layer, MaskingNoise)]
    if not noise_layers:
        return verdict(False, "there is no MaskingNoise layer in the model: without it, this is a plain "
                              "autoencoder, and it never learns to fill in holes.")
    if not np.isclose(noise_layers[0].rate, rate):
        return verdict(False, f"the MaskingNoise layer hides a fraction {noise_layers[0].rate} of the pixels; the "
                              f"exercise asks for {rate}.")
    images = np.random.default_rng(0).uniform(0.1, 1.0, (8, 28, 28)).astype(np.float32)
    corrupted = np.asarray(noise_layers[0](images, training=True))
    if np.array_equal(np.asarray(noise_layers[0](images)), corrupted) or not np.all(
            np.asarray(noise_layers[0](images)) == images):
        return verdict(False, "the noise layer should change images while training and leave them alone at "
                              "inference.")
    return verdict(True, f"a masking denoiser (rate {rate}) with a {code_size}-number code.")

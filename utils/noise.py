"""Corruption processes for denoising autoencoders: Keras layers for training, NumPy functions for fixed test sets.

Three kinds of noise, each in two forms:

- **Gaussian**, `noisy = clip(x + factor · N(0, 1), 0, 1)` (the keras-io "noise factor" convention):
  `ClippedGaussianNoise(stddev)` and `add_gaussian_noise(images, factor, rng)`.
- **Salt and pepper**: a fraction `rate` of the pixels is set to 0 or 1 (half each, on average):
  `SaltAndPepperNoise(rate)` and `add_salt_and_pepper_noise(images, rate, rng)`.
- **Masking** (Vincent et al., 2010): a fraction `rate` of the pixels is set to 0:
  `MaskingNoise(rate)` and `add_masking_noise(images, rate, rng)`.

The layers corrupt only while training (`training=True`, as `fit` calls them) and are the identity at inference, so
a model draws fresh noise every epoch and a trained denoiser is used on whatever it is given. The NumPy functions
corrupt a data set once, from a seeded generator, so that an evaluation set is fixed and reproducible::

    denoiser = keras.Sequential([keras.Input((28, 28)), ClippedGaussianNoise(0.5), encoder, decoder])
    noisy_test_images = add_gaussian_noise(test_images, 0.5, rng=np.random.default_rng(0))

Pixels are assumed to be floats in [0, 1]; noise is drawn independently for every element (every channel of an RGB
image too).
"""

import keras
import numpy as np

from utils import KERAS_PACKAGE, validation


def _rate(value, name="rate"):
    return validation.real(value, name, low=0.0, high=1.0)


def _clip(value):
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
        raise ValueError(f"clip must be None or a pair (low, high), got {value!r}.")
    low, high = (validation.real(bound, "each bound of clip") for bound in value)
    if not low < high:
        raise ValueError(f"clip must be a pair (low, high) with low < high, got {value!r}.")
    return (low, high)


def _generator(rng):
    if isinstance(rng, np.random.Generator):
        return rng
    try:
        return np.random.default_rng(validation.optional_seed(rng, "rng"))
    except ValueError:
        pass
    raise ValueError(f"rng must be a numpy Generator, a non-negative integer seed or None, got {rng!r}.")


def _float_images(images):
    images = np.asarray(images)
    if not np.issubdtype(images.dtype, np.floating):
        raise ValueError(f"images must be floats (pixels scaled to [0, 1]), got dtype {images.dtype}; "
                         "divide uint8 images by 255 first.")
    return images


class _NoiseLayer(keras.layers.Layer):
    """What the three layers share: a seed generator, masking support, identity at inference, same output shape."""

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = validation.optional_seed(seed)
        self.seed_generator = keras.random.SeedGenerator(self.seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not training:
            return inputs
        return self.corrupt(inputs)

    def corrupt(self, inputs):
        raise NotImplementedError

    def _uniform(self, inputs):
        return keras.random.uniform(keras.ops.shape(inputs), seed=self.seed_generator, dtype=self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class ClippedGaussianNoise(_NoiseLayer):
    """Add `stddev · N(0, 1)` to every input element, then clip to `clip`, while training only.

    With `clip=(0, 1)` this is the keras-io "noise factor" corruption. Unlike `keras.layers.GaussianNoise`, the
    result stays a valid image; note that clipping makes the noise no longer zero-mean near 0 and 1.

    Args:
        stddev: standard deviation of the added noise (the noise factor), a number ≥ 0.
        clip: `(low, high)` bounds of the result, or `None` for no clipping.
        seed: optional non-negative integer, for reproducible noise.
    """

    def __init__(self, stddev, clip=(0.0, 1.0), seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.stddev = validation.non_negative_real(stddev, "stddev")
        self.clip = _clip(clip)

    def corrupt(self, inputs):
        noise = keras.random.normal(keras.ops.shape(inputs), stddev=self.stddev, seed=self.seed_generator,
                                    dtype=self.compute_dtype)
        noisy = inputs + noise
        return noisy if self.clip is None else keras.ops.clip(noisy, self.clip[0], self.clip[1])

    def get_config(self):
        return {**super().get_config(), "stddev": self.stddev, "clip": None if self.clip is None else list(self.clip)}


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class SaltAndPepperNoise(_NoiseLayer):
    """Set a fraction `rate` of the input elements to `low` (pepper) or `high` (salt), half each, while training only.

    Args:
        rate: expected fraction of corrupted elements, in [0, 1].
        low, high: the pepper and salt values (0 and 1 for images in [0, 1]).
        seed: optional non-negative integer, for reproducible noise.
    """

    def __init__(self, rate, low=0.0, high=1.0, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.rate = _rate(rate)
        self.low = validation.real(low, "low")
        self.high = validation.real(high, "high")

    def corrupt(self, inputs):
        draws = self._uniform(inputs)
        pepper = keras.ops.cast(self.low, inputs.dtype)
        salt = keras.ops.cast(self.high, inputs.dtype)
        noisy = keras.ops.where(draws < self.rate / 2, pepper, inputs)
        return keras.ops.where(draws >= 1.0 - self.rate / 2, salt, noisy)

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "low": self.low, "high": self.high}


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class MaskingNoise(_NoiseLayer):
    """Set a random fraction `rate` of the input elements to `value` (0: "missing"), while training only.

    This is the masking noise of Vincent et al. (2010). Unlike `keras.layers.Dropout` it does not rescale the
    elements it keeps, and unlike `keras.layers.Masking` it hides values rather than skipping timesteps.

    Args:
        rate: expected fraction of masked elements, in [0, 1].
        value: what a masked element becomes.
        seed: optional non-negative integer, for reproducible noise.
    """

    def __init__(self, rate, value=0.0, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.rate = _rate(rate)
        self.value = validation.real(value, "value")

    def corrupt(self, inputs):
        masked = self._uniform(inputs) < self.rate
        return keras.ops.where(masked, keras.ops.cast(self.value, inputs.dtype), inputs)

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "value": self.value}


def add_gaussian_noise(images, factor, rng=None, clip=(0.0, 1.0)):
    """`clip(images + factor · N(0, 1))` as a new float32 array, with noise drawn from `rng`.

    Args:
        images: float array of any shape, pixels in [0, 1].
        factor: the noise standard deviation, ≥ 0.
        rng: a `numpy.random.Generator`, or an integer seed (None: unseeded).
        clip: `(low, high)` bounds of the result, or `None`.
    """
    images = _float_images(images)
    factor = validation.non_negative_real(factor, "factor")
    clip = _clip(clip)
    noisy = images + factor * _generator(rng).standard_normal(images.shape)
    if clip is not None:
        noisy = np.clip(noisy, *clip)
    return noisy.astype(np.float32)


def add_salt_and_pepper_noise(images, rate, rng=None, low=0.0, high=1.0):
    """Set a fraction `rate` of the elements to `low` or `high` (half each, on average); a new float32 array."""
    images = _float_images(images)
    rate = _rate(rate)
    low = validation.real(low, "low")
    high = validation.real(high, "high")
    draws = _generator(rng).random(images.shape)
    noisy = np.where(draws < rate / 2, low, images)
    return np.where(draws >= 1.0 - rate / 2, high, noisy).astype(np.float32)


def add_masking_noise(images, rate, rng=None, value=0.0):
    """Set a random fraction `rate` of the elements to `value`; a new float32 array."""
    images = _float_images(images)
    rate = _rate(rate)
    value = validation.real(value, "value")
    masked = _generator(rng).random(images.shape) < rate
    return np.where(masked, value, images).astype(np.float32)

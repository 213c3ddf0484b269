"""A residual convolutional denoiser for photos (DnCNN-style), the model of notebook 16.

The network does not draw the clean photo: it estimates the *noise* and subtracts it from its input (residual
learning, Zhang et al., 2017). Every layer is a 3×3 convolution with `padding="same"`, so the model is fully
convolutional: it trains on small patches and runs on whole photos of any size::

    denoiser = residual_denoiser(depth=10, channels=32)   # (None, None, 1) → (None, None, 1)
    clean_estimate = denoise(denoiser, noisy_photo)       # one (H, W) or (H, W, 1) photo in [0, 1]
    averaged = denoise(denoiser, noisy_photo, self_ensemble=True)   # mean over 8 turned and mirrored copies
    receptive_field(depth=10)                              # 21: each output pixel sees a 21×21 window

Under a mixed-precision policy (`utils.precision.pick_policy`) the hidden convolutions compute in 16 bits while the
last convolution and the subtraction stay in float32, so the output has full precision.
"""

import keras
import numpy as np

from utils import photos, validation


def receptive_field(depth, kernel_size=3):
    """Side in pixels of the window one output pixel sees through `depth` stacked stride-1 convolutions.

    Args:
        depth: number of convolutions, ≥ 1.
        kernel_size: side of every kernel, an odd integer ≥ 1.

    Returns:
        `1 + depth · (kernel_size − 1)`, an int.
    """
    depth = validation.positive_int(depth, "depth")
    kernel_size = validation.positive_int(kernel_size, "kernel_size")
    if kernel_size % 2 == 0:
        raise ValueError(f"kernel_size must be odd (so that 'same' padding is centred), got {kernel_size}.")
    return 1 + depth * (kernel_size - 1)


def residual_denoiser(depth=10, channels=32, kernel_size=3, name="residual_denoiser"):
    """A DnCNN-style denoiser without batch normalization: `depth` convolutions predict the noise, which is
    subtracted from the input.

    The first `depth − 1` convolutions have `channels` filters and ReLU (the encoder of the noise); the last one
    has one filter and no activation (the predicted noise), and is kept in float32 under mixed policies.

    Args:
        depth: number of convolutions, ≥ 2.
        channels: filters of each hidden convolution.
        kernel_size: odd kernel side of every convolution.
        name: the model's name.

    Returns:
        A functional `keras.Model` mapping noisy images (batch, H, W, 1) to clean estimates (batch, H, W, 1), for
        any H and W; its layer `"predicted_noise"` outputs the noise estimate.
    """
    depth = validation.positive_int(depth, "depth")
    if depth < 2:
        raise ValueError(f"depth must be at least 2 (hidden convolutions, then the noise), got {depth}.")
    channels = validation.positive_int(channels, "channels")
    receptive_field(depth, kernel_size)  # checks kernel_size
    noisy_images = keras.Input((None, None, 1), name="noisy_images")
    features = noisy_images
    for index in range(depth - 1):
        features = keras.layers.Conv2D(channels, kernel_size, padding="same", activation="relu",
                                       name=f"conv_{index + 1}")(features)
    predicted_noise = keras.layers.Conv2D(1, kernel_size, padding="same", dtype="float32",
                                          name="predicted_noise")(features)
    clean_estimates = keras.layers.Subtract(dtype="float32", name="clean_estimates")([noisy_images, predicted_noise])
    return keras.Model(noisy_images, clean_estimates, name=name)


def denoise(model, noisy_image, self_ensemble=False):
    """Run a fully convolutional denoiser on one whole photo.

    Args:
        model: a Keras model mapping (1, H, W, 1) to (1, H, W, 1).
        noisy_image: a float array (H, W) or (H, W, 1), pixels on the scale the model was trained on.
        self_ensemble: if True, denoise the photo's 8 quarter turns and mirror images and average the 8 results,
            each turned back first (the "×8 self-ensemble" of Lim et al., 2017): 8 times the work, usually a
            tenth of a dB more.

    Returns:
        float32 array of the same shape as `noisy_image` (not clipped).
    """
    noisy_image = np.asarray(noisy_image)
    if noisy_image.ndim not in (2, 3) or (noisy_image.ndim == 3 and noisy_image.shape[-1] != 1):
        raise ValueError(f"noisy_image must be (H, W) or (H, W, 1), got shape {noisy_image.shape}.")
    self_ensemble = validation.boolean(self_ensemble, "self_ensemble")

    def run(image):  # predict_on_batch runs the compiled graph: about 4× faster than an eager call on a whole photo
        return np.asarray(model.predict_on_batch(np.asarray(image, np.float32)[None, ..., None]))[0, ..., 0]

    image = noisy_image.reshape(noisy_image.shape[0], noisy_image.shape[1])
    estimate = photos.self_ensemble(run, image) if self_ensemble else run(image)
    return estimate.astype(np.float32).reshape(noisy_image.shape)

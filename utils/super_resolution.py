"""Single-image super-resolution: the benchmark's degradation, aligned training patches, and two networks.

Notebook 19 writes the sub-pixel layer and the networks by hand first; these are the same pieces with argument checks::

    low, upscaled = degrade(y, scale=3)                 # Y on the 0–255 scale → low-resolution Y, its bicubic upscale
    lows, upscaleds, highs = aligned_patches([(y, low, upscaled), ...], scale=3, low_size=16, count=32, rng=rng)
    networks = residual_subpixel_networks(scales=(2, 3))   # one body, one sub-pixel head per scale
    estimate = super_resolve(networks[3], low, upscaled)   # 0–255, rounded to integers as the benchmarks score

Networks see images scaled to [0, 1] (`/ 255`); `super_resolve` does the scaling both ways.
"""

import keras
import numpy as np
from keras import layers, ops

from utils import KERAS_PACKAGE, photos, validation


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class PixelShuffle(layers.Layer):
    """Sub-pixel upsampling (Shi et al., 2016): `scale²·C` channels at low resolution → `C` channels, `scale`× larger.

    The channel `(i·scale + j)·C + c` of low-resolution pixel (h, w) becomes channel `c` of pixel
    `(h·scale + i, w·scale + j)`, the order of TensorFlow's `tf.nn.depth_to_space`.

    Args:
        scale: the upscaling factor, an integer ≥ 2.

    Shapes:
        (batch, H, W, scale²·C) → (batch, scale·H, scale·W, C).
    """

    def __init__(self, scale, **kwargs):
        super().__init__(**kwargs)
        self.scale = validation.positive_int(scale, "scale")
        if self.scale < 2:
            raise ValueError(f"scale must be at least 2, got {scale!r}.")

    def call(self, features):
        scale = self.scale
        channels = features.shape[-1] // (scale * scale)
        batch, height, width = ops.shape(features)[0], ops.shape(features)[1], ops.shape(features)[2]
        blocks = ops.reshape(features, (batch, height, width, scale, scale, channels))
        blocks = ops.transpose(blocks, (0, 1, 3, 2, 4, 5))
        return ops.reshape(blocks, (batch, height * scale, width * scale, channels))

    def build(self, input_shape):
        channels = input_shape[-1]
        if channels is None or channels % (self.scale * self.scale):
            raise ValueError(f"PixelShuffle(scale={self.scale}) needs channels divisible by {self.scale ** 2}, "
                             f"got input shape {input_shape}.")
        super().build(input_shape)

    def compute_output_shape(self, input_shape):
        batch, height, width, channels = input_shape
        grow = (lambda size: None if size is None else size * self.scale)
        return batch, grow(height), grow(width), channels // (self.scale * self.scale)

    def get_config(self):
        return {**super().get_config(), "scale": self.scale}


def degrade(y, scale):
    """The benchmarks' degradation of a Y image: bicubic downscaling, rounded to integers (MATLAB's `imresize` on
    uint8), and the bicubic upscale of that back to the original size (not rounded: a network's input).

    Args:
        y: (H, W) on the 0–255 scale, H and W multiples of `scale` (see `photos.crop_to_multiple`).
        scale: the factor, an integer ≥ 2.

    Returns:
        (low, upscaled): float64 arrays (H / scale, W / scale) and (H, W).
    """
    y = np.asarray(y)
    scale = validation.positive_int(scale, "scale")
    if y.ndim != 2 or y.shape[0] % scale or y.shape[1] % scale or scale < 2:
        raise ValueError(f"y must be (H, W) with H and W multiples of scale={scale} (≥ 2), got shape {y.shape}.")
    height, width = y.shape
    low = photos.bicubic(y, (width // scale, height // scale), quantize=True)
    return low, photos.bicubic(low, (width, height))


def aligned_patches(triples, scale, low_size, count, rng, augment=True):
    """Random aligned patches: a low-resolution patch, the same place in the bicubic upscale and in the original.

    Args:
        triples: a list of (y, low, upscaled) as made by `degrade`, Y on the 0–255 scale.
        scale: the factor the triples were made with.
        low_size: the side of the low-resolution patch (the others are `scale` times larger).
        count: how many patches.
        rng: a `numpy.random.Generator`.
        augment: apply one of the 8 flips and quarter-turns at random to each patch (all three alike).

    Returns:
        (lows, upscaleds, highs): float32 arrays (count, low_size, low_size, 1), (count, S, S, 1) and (count, S, S, 1)
        with S = scale · low_size, scaled to [0, 1].
    """
    scale, low_size = validation.positive_int(scale, "scale"), validation.positive_int(low_size, "low_size")
    count = validation.positive_int(count, "count")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {rng!r}.")
    if not triples:
        raise ValueError("triples is empty.")
    for y, low, upscaled in triples:
        if y.shape != upscaled.shape or y.shape != (low.shape[0] * scale, low.shape[1] * scale):
            raise ValueError(f"a triple does not fit scale={scale}: shapes {y.shape}, {low.shape}, {upscaled.shape}.")
        if min(low.shape) < low_size:
            raise ValueError(f"low_size={low_size} is larger than a low-resolution image of shape {low.shape}.")
    high_size = low_size * scale
    lows, upscaleds, highs = [], [], []
    for index in rng.integers(len(triples), size=count):
        y, low, upscaled = triples[index]
        top, left = rng.integers(low.shape[0] - low_size + 1), rng.integers(low.shape[1] - low_size + 1)
        turn = rng.integers(8) if augment else 0
        for patch, out in ((low[top:top + low_size, left:left + low_size], lows),
                           (upscaled[top * scale:top * scale + high_size, left * scale:left * scale + high_size],
                            upscaleds),
                           (y[top * scale:top * scale + high_size, left * scale:left * scale + high_size], highs)):
            patch = np.rot90(patch, turn % 4)
            out.append(patch[:, ::-1] if turn >= 4 else patch)
    return tuple((np.stack(group)[..., None] / 255.0).astype(np.float32) for group in (lows, upscaleds, highs))


def srcnn(filters=(64, 32), kernel_sizes=(9, 5, 5), name="srcnn"):
    """SRCNN (Dong et al., 2014): three convolutions on the bicubic upscale, trained to output the original.

    Args:
        filters: channels of the first two convolutions (the paper's n1, n2).
        kernel_sizes: the three kernel sides (9-5-5 is the paper's best three-layer setting).
        name: the model's name.

    Returns:
        A `keras.Model` from upscaled Y (batch, H, W, 1) in [0, 1] to the estimate (batch, H, W, 1). "same" padding
        keeps the size (the paper used "valid" and scored the smaller centre).
    """
    filters = validation.int_sequence(filters, "filters", allow_empty=False)
    kernel_sizes = validation.int_sequence(kernel_sizes, "kernel_sizes", allow_empty=False)
    if len(filters) != 2 or len(kernel_sizes) != 3 or min(filters) < 1 or min(kernel_sizes) < 1:
        raise ValueError(f"filters needs 2 and kernel_sizes 3 positive values, got {filters!r}, {kernel_sizes!r}.")
    upscaled = keras.Input((None, None, 1), name="upscaled")
    features = layers.Conv2D(filters[0], kernel_sizes[0], padding="same", activation="relu")(upscaled)
    features = layers.Conv2D(filters[1], kernel_sizes[1], padding="same", activation="relu")(features)
    estimate = layers.Conv2D(1, kernel_sizes[2], padding="same", dtype="float32")(features)
    return keras.Model(upscaled, estimate, name=name)


def residual_subpixel_networks(scales=(2, 3), filters=64, blocks=4, name="residual_subpixel"):
    """An encoder–decoder on the low-resolution image: residual blocks (the encoder), a sub-pixel head per scale (the
    decoder), and the bicubic upscale added at the end, so the network only learns the missing detail. The heads'
    last convolution starts at zero, so the untrained network is exactly bicubic interpolation.

    Args:
        scales: the factors; all heads share one body (trained together, as in Lim et al.'s MDSR).
        filters: channels of every convolution of the body.
        blocks: residual blocks (two 3×3 convolutions each, ReLU between, no batch normalization).
        name: prefix of the models' names.

    Returns:
        dict scale → `keras.Model` taking [low (batch, h, w, 1), upscaled (batch, scale·h, scale·w, 1)] in [0, 1]
        and returning the estimate (batch, scale·h, scale·w, 1).
    """
    scales = validation.int_sequence(scales, "scales", allow_empty=False)
    if min(scales) < 2 or len(set(scales)) != len(scales):
        raise ValueError(f"scales must be distinct integers ≥ 2, got {scales!r}.")
    filters, blocks = validation.positive_int(filters, "filters"), validation.non_negative_int(blocks, "blocks")
    head = layers.Conv2D(filters, 3, padding="same", name="head")
    body = [(layers.Conv2D(filters, 3, padding="same", activation="relu", name=f"block{b}_conv1"),
             layers.Conv2D(filters, 3, padding="same", name=f"block{b}_conv2")) for b in range(1, blocks + 1)]
    body_end = layers.Conv2D(filters, 3, padding="same", name="body_end")
    networks = {}
    for scale in scales:
        low = keras.Input((None, None, 1), name=f"low_x{scale}")
        upscaled = keras.Input((None, None, 1), name=f"upscaled_x{scale}")
        features = start = head(low)
        for first, second in body:
            features = layers.Add()([features, second(first(features))])
        features = layers.Add()([start, body_end(features)])
        # Zero-initialised: the untrained network returns the bicubic image, and training only adds detail to it.
        detail = layers.Conv2D(scale * scale, 3, padding="same", kernel_initializer="zeros",
                               name=f"to_subpixels_x{scale}")(features)
        detail = PixelShuffle(scale, name=f"shuffle_x{scale}")(detail)
        estimate = layers.Add(dtype="float32", name=f"plus_bicubic_x{scale}")([upscaled, detail])
        networks[scale] = keras.Model([low, upscaled], estimate, name=f"{name}_x{scale}")
    return networks


def super_resolve(network, low, upscaled=None, self_ensemble=False):
    """Run a network on one whole image and return the estimate as the benchmarks score it.

    Args:
        network: a model from `residual_subpixel_networks` (two inputs) or `srcnn` (one input: the upscale).
        low: the low-resolution Y (h, w), 0–255 scale; ignored by a one-input network (pass None).
        upscaled: its bicubic upscale (H, W), 0–255 scale.
        self_ensemble: if True, run the network on the image's 8 quarter turns and mirror images (low and upscale
            turned alike) and average the 8 estimates, each turned back first, before rounding (Lim et al., 2017).

    Returns:
        float64 (H, W): the estimate on the 0–255 scale, rounded to integers and clipped to [0, 255].
    """
    if upscaled is None or np.ndim(upscaled) != 2:
        raise ValueError(f"upscaled must be an (H, W) image, got {None if upscaled is None else np.shape(upscaled)}.")
    two_inputs = len(network.inputs) == 2
    if two_inputs and (low is None or np.ndim(low) != 2):
        raise ValueError(f"a two-input network needs low as an (h, w) image, got {low!r}.")
    self_ensemble = validation.boolean(self_ensemble, "self_ensemble")

    def run(*images):  # predict_on_batch runs the compiled graph: several times faster than an eager call
        inputs = [(np.asarray(image, np.float32) / 255.0)[None, ..., None] for image in images]
        return np.asarray(network.predict_on_batch(inputs if two_inputs else inputs[0]), np.float64)[0, ..., 0]

    images = (low, upscaled) if two_inputs else (upscaled,)
    estimate = photos.self_ensemble(run, *images) if self_ensemble else run(*images)
    return np.clip(np.round(estimate * 255.0), 0, 255)

"""Colorization in CIELab (notebook 18): a U-Net that reads L and predicts ab, and the pieces of the classification
recipe of Zhang, Isola and Efros (ECCV 2016) with the colourfulness metric that judges it.

A network sees the lightness L of a photo and predicts the two chroma channels a*, b* at half its input resolution;
the true L is put back at full resolution, so the structure of the photo is never the network's to get wrong::

    model = unet_colorizer(outputs=2)                       # regression: ab / AB_SCALE, from L / 100 - 0.5
    centres = ab_bin_centres(training_ab, step=10)          # (Q, 2): the occupied cells of a 10-unit ab grid
    classes = quantize_ab(training_ab, centres, step=10)    # the index of each pixel's cell
    weights = rebalancing_weights(classes, centres, lam=0.5, sigma=5.0)   # rare colours weigh more in the loss
    classifier = unet_colorizer(outputs=len(centres))       # logits over the Q cells
    colourfulness(rgb)                                      # Hasler & Süsstrunk (2003), on the 0-255 scale

A model whose `skips` is False is the plain bottleneck autoencoder of the same widths: its decoder starts from the
deepest, 16-times coarser feature map alone.
"""

import numpy as np

from utils import validation

AB_SCALE = 110.0


def _level(features, channels, name, activation, strides=1):
    """3×3 convolution (no bias) → batch normalization → activation."""
    import keras

    features = keras.layers.Conv2D(channels, 3, strides=strides, padding="same", use_bias=False, name=name)(features)
    features = keras.layers.BatchNormalization(name=f"{name}_norm")(features)
    return keras.layers.Activation(activation, name=f"{name}_act")(features)


def unet_colorizer(outputs=2, widths=(16, 32, 64, 128), skips=True, activation="relu", name="unet_colorizer"):
    """A U-Net from L to ab (or to logits over ab bins) at half the input's resolution.

    A stride-2 convolution halves the image, one convolution per level and max pooling go down to
    1/2**len(widths), and each level of the decoder upsamples, convolves, concatenates the encoder's feature map of
    its size (the skip connection, when `skips`) and convolves again; every 3×3 convolution is followed by batch
    normalization and the activation. A 1×1 convolution (float32 under any precision policy) gives the outputs at
    1/2 of the input's resolution.

    Args:
        outputs: channels of the output: 2 for ab, Q for logits over Q ab bins, 3 for RGB.
        widths: channels per level, from the first (1/2) to the deepest (1/2**len(widths)); at least 2 levels.
        skips: True for the U-Net; False for the plain encoder-decoder (no skip connections).
        activation: activation of every convolution but the last.
        name: the model's name.

    Returns:
        A functional `keras.Model` from (batch, H, W, 1) to (batch, H/2, W/2, outputs); H and W must be divisible by
        2 ** len(widths).
    """
    import keras

    outputs = validation.positive_int(outputs, "outputs")
    widths = validation.int_sequence(widths, "widths", allow_empty=False)
    if len(widths) < 2 or min(widths) < 1:
        raise ValueError(f"widths needs at least two positive channel counts, got {widths!r}.")
    skips = validation.boolean(skips, "skips")
    validation.activation(activation, "activation")
    lightness = keras.Input((None, None, 1), name="lightness")
    features = _level(lightness, widths[0], "stem", activation, strides=2)
    saved = []
    for level, channels in enumerate(widths[:-1]):
        features = _level(features, channels, f"down_{level}", activation)
        saved.append(features)
        features = keras.layers.MaxPooling2D(name=f"pool_{level}")(features)
    features = _level(features, widths[-1], "bottom_a", activation)
    features = _level(features, widths[-1], "bottom_b", activation)
    for level in reversed(range(len(widths) - 1)):
        features = keras.layers.UpSampling2D(name=f"upsample_{level}")(features)
        features = _level(features, widths[level], f"up_{level}", activation)
        if skips:
            features = keras.layers.Concatenate(name=f"skip_{level}")([features, saved[level]])
        features = _level(features, widths[level], f"merge_{level}", activation)
    predictions = keras.layers.Conv2D(outputs, 1, dtype="float32", name="predictions")(features)
    return keras.Model(lightness, predictions, name=name)


def _ab(ab, name="ab"):
    ab = np.asarray(ab, dtype=np.float64)
    if ab.ndim < 1 or ab.shape[-1] != 2 or not np.all(np.isfinite(ab)):
        raise ValueError(f"{name} must be a finite array (..., 2) of a*, b* values, got shape {ab.shape}.")
    return ab


def ab_bin_centres(ab, step=10.0, min_count=1):
    """The centres of the cells of a square ab grid that the given pixels occupy, in a fixed order.

    Args:
        ab: array (..., 2) of a*, b* values (training pixels).
        step: the grid's cell side in ab units (10 in Zhang et al.).
        min_count: a cell is kept when at least this many pixels fall in it.

    Returns:
        float64 (Q, 2): cell centres, sorted by a then b.
    """
    ab = _ab(ab).reshape(-1, 2)
    step = validation.positive_real(step, "step")
    min_count = validation.positive_int(min_count, "min_count")
    cells, counts = np.unique(np.floor(ab / step).astype(np.int64), axis=0, return_counts=True)
    cells = cells[counts >= min_count]
    if len(cells) == 0:
        raise ValueError(f"no cell holds {min_count} pixels; lower min_count.")
    return (cells + 0.5) * step


def quantize_ab(ab, centres, chunk=1 << 16):
    """The index of the nearest bin centre of every pixel (a pixel in an unoccupied cell goes to the nearest kept one).

    Args:
        ab: array (..., 2) of a*, b* values.
        centres: (Q, 2) bin centres, e.g. from `ab_bin_centres`.
        chunk: pixels handled at a time (memory only).

    Returns:
        int64 array of shape `ab.shape[:-1]`, values in [0, Q).
    """
    ab, centres = _ab(ab), _ab(centres, "centres")
    if centres.ndim != 2:
        raise ValueError(f"centres must be (Q, 2), got shape {centres.shape}.")
    chunk = validation.positive_int(chunk, "chunk")
    flat = ab.reshape(-1, 2)
    indices = np.empty(len(flat), dtype=np.int64)
    for start in range(0, len(flat), chunk):
        part = flat[start:start + chunk]
        distances = ((part[:, None, :] - centres[None]) ** 2).sum(-1)
        indices[start:start + chunk] = distances.argmin(axis=1)
    return indices.reshape(ab.shape[:-1])


def rebalancing_weights(classes, centres, lam=0.5, sigma=5.0):
    """Zhang et al.'s class-rebalancing weights: w ∝ ((1 − λ)·p̃ + λ/Q)⁻¹, normalised so that Σ_q p̃_q w_q = 1.

    p̃ is the empirical distribution of the training pixels over the Q bins, smoothed with a Gaussian kernel of width
    `sigma` in ab units (a kernel over the bin centres, normalised per bin).

    Args:
        classes: integer array of bin indices of training pixels (any shape), values in [0, Q).
        centres: (Q, 2) bin centres.
        lam: λ in [0, 1]: 0 weighs each bin by 1/p̃ (full rebalancing), 1 gives every bin the weight 1.
        sigma: the smoothing kernel's standard deviation in ab units; 0 for no smoothing.

    Returns:
        (weights, prior): float64 (Q,) each; `prior` is p̃.
    """
    centres = _ab(centres, "centres")
    if centres.ndim != 2:
        raise ValueError(f"centres must be (Q, 2), got shape {centres.shape}.")
    classes = np.asarray(classes)
    if not np.issubdtype(classes.dtype, np.integer) or classes.size == 0:
        raise ValueError(f"classes must be a non-empty integer array, got {classes.dtype} of size {classes.size}.")
    if classes.min() < 0 or classes.max() >= len(centres):
        raise ValueError(f"classes must lie in [0, {len(centres)}), got {classes.min()}..{classes.max()}.")
    lam = validation.real(lam, "lam", low=0.0, high=1.0)
    sigma = validation.non_negative_real(sigma, "sigma")
    empirical = np.bincount(classes.ravel(), minlength=len(centres)).astype(np.float64)
    empirical /= empirical.sum()
    if sigma > 0:
        distances = ((centres[:, None, :] - centres[None]) ** 2).sum(-1)
        kernel = np.exp(-distances / (2 * sigma**2))
        prior = kernel @ empirical / kernel.sum(axis=1)
        prior /= prior.sum()
    else:
        prior = empirical
    weights = 1.0 / ((1 - lam) * prior + lam / len(centres))
    weights /= (prior * weights).sum()
    return weights, prior


def colourfulness(rgb):
    """The colourfulness M of Hasler and Süsstrunk (2003) of one RGB image.

    rg = R − G, yb = ½(R + G) − B on the 0–255 scale; M = sqrt(σ_rg² + σ_yb²) + 0.3·sqrt(μ_rg² + μ_yb²), with the
    standard deviations and means over the pixels. A gray image scores 0; their "quite colourful" starts near 33.

    Args:
        rgb: (H, W, 3) in [0, 1] (float) or uint8.

    Returns:
        float.
    """
    rgb = np.asarray(rgb)
    if rgb.ndim != 3 or rgb.shape[-1] != 3:
        raise ValueError(f"rgb must be (H, W, 3), got shape {rgb.shape}.")
    rgb = rgb.astype(np.float64) if rgb.dtype == np.uint8 else rgb.astype(np.float64) * 255.0
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    rg, yb = red - green, 0.5 * (red + green) - blue
    return float(np.sqrt(rg.std() ** 2 + yb.std() ** 2) + 0.3 * np.sqrt(rg.mean() ** 2 + yb.mean() ** 2))

"""Photos as float arrays, patches to train on, and the image-quality protocol of the image notebooks (16–19).

Colour spaces come from scikit-image, resampling from Pillow, PSNR and SSIM from `skimage.metrics`:

- `as_float(image)`: uint8 → float32 in [0, 1]; `to_space(image, "rgb" | "gray" | "y" | "lab")`.
- `luma(image, single_channel=False)`: the Y of ITU-R BT.601 YCbCr in [16, 235], rounded as MATLAB's `rgb2ycbcr`
  rounds uint8 images, which is what the super-resolution literature scores; a photo stored with one channel is its
  own Y (the convention that reproduces the published Set14 figures).
- `bicubic(image, size)`: Pillow's bicubic resampling of a float image (antialiased when shrinking).
- `random_patches(images, size, count, rng)`: training patches from whole photos of any size.
- `self_ensemble(function, *images)`: the mean of an image-to-image function over the 8 quarter turns and mirror
  images of its inputs (test-time augmentation of notebooks 16 and 19).
- `psnr(reference, estimate, data_range, shave)` and `ssim(...)`: on whole images, a border of `shave` pixels left out.

Checked against the published bicubic baselines (tests/test_photos.py)::

    for y in load_sr_luma("Set5").values():                  # name → Y (float64, 0–255 scale)
        y = crop_to_multiple(y, 3)
        low = bicubic(y, (y.shape[1] // 3, y.shape[0] // 3), quantize=True)
        psnr(y, bicubic(low, y.shape[::-1], quantize=True), data_range=255, shave=3)   # mean 30.39 dB
"""

import numpy as np

from utils import validation

SPACES = ("rgb", "gray", "y", "lab")


def _image(image, name="image"):
    image = np.asarray(image)
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[-1] not in (1, 3)) or min(image.shape[:2]) < 1:
        raise ValueError(f"{name} must be an (H, W) or (H, W, 1 or 3) array, got shape {image.shape}.")
    return image


def as_float(image):
    """A uint8 image (H, W[, C]) as float32 in [0, 1]; a float image is returned as float32 unchanged."""
    image = _image(image)
    if image.dtype == np.uint8:
        return image.astype(np.float32) / 255.0
    return image.astype(np.float32)


def luma(image, single_channel=False):
    """The BT.601 luma Y of an RGB image, on the 0–255 scale (16 for black, 235 for white), rounded to integers.

    Args:
        image: uint8 RGB (H, W, 3).
        single_channel: True when the photo was stored with one channel (a grayscale file): its values are then used
            as Y unchanged, as MATLAB's `if size(im, 3) == 1` branch does in the published evaluation code.

    Returns:
        float64 (H, W).
    """
    from skimage.color import rgb2ycbcr

    image = _image(image)
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[-1] != 3:
        raise ValueError(f"image must be uint8 RGB (H, W, 3), got {image.dtype} {image.shape}.")
    if single_channel:
        return image[..., 0].astype(np.float64)
    return np.round(rgb2ycbcr(image)[..., 0])


def to_space(image, space):
    """A uint8 RGB image (H, W, 3) in one colour space, as float32.

    Args:
        image: uint8 RGB.
        space: "rgb" (in [0, 1]), "gray" (scikit-image's luminance, in [0, 1], shape (H, W, 1)), "y" (BT.601 luma
            on the 0–255 scale, shape (H, W, 1)) or "lab" (CIE L* in [0, 100], a*, b* roughly in [-128, 127]).

    Returns:
        float32 (H, W, 1) or (H, W, 3).
    """
    from skimage.color import rgb2gray, rgb2lab

    validation.one_of(space, "space", SPACES)
    image = _image(image)
    if image.dtype != np.uint8 or image.ndim != 3 or image.shape[-1] != 3:
        raise ValueError(f"image must be uint8 RGB (H, W, 3), got {image.dtype} {image.shape}.")
    if space == "rgb":
        return as_float(image)
    if space == "gray":
        return rgb2gray(image)[..., None].astype(np.float32)
    if space == "y":
        return luma(image)[..., None].astype(np.float32)
    return rgb2lab(image).astype(np.float32)


def crop_to_multiple(image, factor):
    """The top-left part of `image` whose height and width are multiples of `factor` (MATLAB's `modcrop`)."""
    image = _image(image)
    factor = validation.positive_int(factor, "factor")
    return image[:image.shape[0] // factor * factor, :image.shape[1] // factor * factor]


def bicubic(image, size, quantize=False):
    """Pillow's bicubic resampling of a float image, channel by channel, antialiased when shrinking.

    Args:
        image: float (H, W) or (H, W, C), any range.
        size: the output `(width, height)`, Pillow's order.
        quantize: round to integers and clip to [0, 255], as MATLAB's `imresize` does to uint8 images; the published
            bicubic baselines of super-resolution resample that way, once down and once up.

    Returns:
        float64 (height, width[, C]).
    """
    from PIL import Image

    image = _image(image)
    size = validation.int_sequence(size, "size", allow_empty=False)
    if len(size) != 2 or min(size) < 1:
        raise ValueError(f"size must be (width, height) with both positive, got {size!r}.")
    channels = image[..., None] if image.ndim == 2 else image
    resized = [np.asarray(Image.fromarray(channels[..., c].astype(np.float32), mode="F").resize(
        tuple(size), Image.BICUBIC), dtype=np.float64) for c in range(channels.shape[-1])]
    stacked = np.stack(resized, axis=-1)
    if quantize:
        stacked = np.clip(np.round(stacked), 0, 255)
    return stacked[..., 0] if image.ndim == 2 else stacked


def _shaved(reference, estimate, shave):
    reference, estimate = _image(reference, "reference"), _image(estimate, "estimate")
    if reference.shape != estimate.shape:
        raise ValueError(f"reference and estimate must have one shape, got {reference.shape} and {estimate.shape}.")
    shave = validation.non_negative_int(shave, "shave")
    if 2 * shave >= min(reference.shape[:2]):
        raise ValueError(f"shave={shave} leaves nothing of an image of shape {reference.shape}.")
    if shave:
        reference, estimate = reference[shave:-shave, shave:-shave], estimate[shave:-shave, shave:-shave]
    return reference.astype(np.float64), estimate.astype(np.float64)


def psnr(reference, estimate, data_range, shave=0):
    """Peak signal-to-noise ratio in dB of one image (`skimage.metrics.peak_signal_noise_ratio`).

    Args:
        reference, estimate: arrays of one shape (H, W[, C]).
        data_range: the range of the pixel scale (1.0 for [0, 1], 255 for the 0–255 scale).
        shave: pixels left out at every border (the super-resolution protocol shaves the scale factor).
    """
    from skimage.metrics import peak_signal_noise_ratio

    reference, estimate = _shaved(reference, estimate, shave)
    data_range = validation.real(data_range, "data_range")
    if data_range <= 0:
        raise ValueError(f"data_range must be positive, got {data_range}.")
    return float(peak_signal_noise_ratio(reference, estimate, data_range=data_range))


def ssim(reference, estimate, data_range, shave=0):
    """Structural similarity of one image (`skimage.metrics.structural_similarity`, channels averaged)."""
    from skimage.metrics import structural_similarity

    reference, estimate = _shaved(reference, estimate, shave)
    data_range = validation.real(data_range, "data_range")
    if data_range <= 0:
        raise ValueError(f"data_range must be positive, got {data_range}.")
    channel_axis = -1 if reference.ndim == 3 else None
    return float(structural_similarity(reference, estimate, data_range=data_range, channel_axis=channel_axis))


def random_patches(images, size, count, rng):
    """`count` square patches cut at random places of randomly chosen images.

    Args:
        images: a list of arrays (H, W[, C]) of any sizes of at least `size`, or one array (N, H, W[, C]).
        size: the patches' side in pixels.
        count: how many patches.
        rng: a `numpy.random.Generator`.

    Returns:
        An array (count, size, size[, C]) of the images' dtype.
    """
    size, count = validation.positive_int(size, "size"), validation.positive_int(count, "count")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {rng!r}.")
    images = [_image(image, "each image") for image in images]
    if not images:
        raise ValueError("images is empty.")
    small = [image.shape[:2] for image in images if min(image.shape[:2]) < size]
    if small:
        raise ValueError(f"every image must be at least {size}×{size}; got one of {small[0]}.")
    which = rng.integers(len(images), size=count)
    patches = []
    for index in which:
        image = images[index]
        top = rng.integers(image.shape[0] - size + 1)
        left = rng.integers(image.shape[1] - size + 1)
        patches.append(image[top:top + size, left:left + size])
    return np.stack(patches)


def self_ensemble(function, *images):
    """The mean of `function`'s outputs over the 8 quarter turns and mirror images of its inputs, each output turned
    back first (the "×8 self-ensemble" of Lim et al., 2017).

    Args:
        function: maps 2-D arrays, all turned and mirrored alike, to one 2-D array in the same orientation (its size
            may be a multiple of theirs, as a super-resolution network's is).
        *images: one or more 2-D arrays.

    Returns:
        float64 array: the mean of the 8 outputs, in the orientation of the untouched inputs.
    """
    if not images or any(np.ndim(image) != 2 for image in images):
        raise ValueError(f"images must be one or more 2-D arrays, got shapes {[np.shape(i) for i in images]}.")
    total = None
    for turns in range(4):
        for mirrored in (False, True):
            views = [np.ascontiguousarray(np.rot90(image[:, ::-1] if mirrored else image, turns)) for image in images]
            output = np.rot90(np.asarray(function(*views), dtype=np.float64), -turns)
            output = output[:, ::-1] if mirrored else output
            total = output if total is None else total + output
    return total / 8


def load_sr_luma(name):
    """A super-resolution benchmark ("Set5" or "Set14") as a dict name → Y (float64, 0–255 scale), by `luma`.

    Photos stored with one channel (Set14's `bridge`) are their own Y; every other photo, Set14's gray-looking `man`
    included (stored with three equal channels), goes through `rgb2ycbcr`, as in the published evaluations.
    """
    from PIL import Image

    from utils.datafiles import fetch, registry

    validation.one_of(name, "name", ("Set5", "Set14"))
    lumas = {}
    for path in sorted(p for p in registry() if p.startswith(f"sr/{name}/")):
        with Image.open(fetch(path)) as photo:
            single_channel = photo.mode == "L"
            rgb = np.asarray(photo.convert("RGB"), dtype=np.uint8)
        lumas[path.rsplit("/", 1)[-1][:-4]] = luma(rgb, single_channel=single_channel)
    return lumas

"""Learned image compression: the layers of a compressive autoencoder and a real entropy coder for its codes.

Notebook 17 writes these pieces by hand, then reuses them from here:

- `GDN(inverse=False)`: generalized divisive normalization (Ballé et al., 2016), the nonlinearity of the encoder;
  `GDN(inverse=True)` is its approximate inverse for the decoder.
- `UniformQuantizer()`: adds uniform noise U(−½, ½) to the codes while training and rounds them to integers at
  inference, so the decoder learns to live with quantization error while gradients still flow.
- `LogisticEntropyModel()`: one logistic density per code channel; `call` returns the bits each (noisy or integer)
  code costs, −log2 P(k) with P(k) = CDF(k + ½) − CDF(k − ½). Its location and log-scale are stored divided by
  `speedup`, so Adam (whose step hardly depends on a gradient's size) moves them `speedup` times faster than the
  convolution weights: without it the model's bit estimate lags the codes' true entropy.
- `encode_codes(codes, loc, scale)` → bytes and `decode_codes(data, loc, scale)` → codes: the integer codes of one
  image written with `constriction`'s range coder, one categorical model per channel built from the logistic model
  over a clipped integer range, and read back exactly::

    data = encode_codes(codes, loc, scale)        # codes: int (h, w, channels), the latent of one image
    assert np.array_equal(decode_codes(data, loc, scale), clip_codes(codes, loc, scale))
    bpp = 8 * len(data) / (16 * h * 16 * w)       # for an encoder that shrinks each side 16 times

The byte string is a 4-byte header (the latent's height and width, two little-endian uint16) followed by the range
coder's 32-bit words. The model's parameters (`loc`, `scale`, the network weights) are shared by the encoder and the
decoder, like a codec's tables, and are not sent with each image. A code outside its channel's range
`clip_ranges(loc, scale, tail)` is clipped to the range before coding (`clip_codes`): with `tail=1e-6` the model
puts at most a millionth of its mass outside, and the notebook counts how many codes that rule changed.
"""

import math

import keras
import numpy as np

from utils import KERAS_PACKAGE, validation

HEADER_BYTES = 4


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class GDN(keras.layers.Layer):
    """Generalized divisive normalization over channels, y_i = x_i / sqrt(β_i + Σ_j γ_ji x_j²).

    Args:
        inverse: False for GDN (divide, the encoder), True for its approximate inverse IGDN (multiply, the decoder).

    Input and output: (batch, height, width, channels). β starts at 1 and γ at 0.1·I (plus 0.001 everywhere, so that
    every entry can move); both are used through their absolute values, so the square root is always of a positive
    number.
    """

    def __init__(self, inverse=False, **kwargs):
        super().__init__(**kwargs)
        self.inverse = validation.boolean(inverse, "inverse")

    def build(self, input_shape):
        channels = input_shape[-1]
        if channels is None:
            raise ValueError(f"GDN needs a known number of channels, got input shape {input_shape}.")
        self.beta = self.add_weight(shape=(channels,), initializer="ones", name="beta")
        self.gamma = self.add_weight(shape=(channels, channels), name="gamma",
                                     initializer=keras.initializers.Constant(0.1 * np.eye(channels) + 0.001))

    def call(self, inputs):
        ops = keras.ops
        norm = ops.sqrt(ops.abs(self.beta) + 1e-6 + ops.matmul(ops.square(inputs), ops.abs(self.gamma)))
        return inputs * norm if self.inverse else inputs / norm

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "inverse": self.inverse}


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class UniformQuantizer(keras.layers.Layer):
    """Codes + U(−½, ½) noise while training (`training=True`), rounded to integers at inference.

    Args:
        seed: seed of the noise (None: a fresh one).

    Input and output: any shape, the same shape.
    """

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = validation.optional_seed(seed)
        self.seed_generator = keras.random.SeedGenerator(self.seed)
        self.built = True

    def call(self, codes, training=False):
        if training:
            return codes + keras.random.uniform(keras.ops.shape(codes), -0.5, 0.5, dtype=codes.dtype,
                                                seed=self.seed_generator)
        return keras.ops.round(codes)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class LogisticEntropyModel(keras.layers.Layer):
    """A logistic density per channel: `call(values)` is the bits each value costs, −log2 P.

    P(v) = σ((v − μ + ½)/s) − σ((v − μ − ½)/s): for an integer v the probability of that integer, for v = integer +
    uniform noise the density of the noisy value (the same formula, Ballé et al., 2017). Probabilities are floored at
    `1e-9` (about 30 bits), so a far outlier costs much but never infinitely much.

    Args:
        speedup: μ = speedup · μ_raw and log s = speedup · log_s_raw, so Adam moves μ and log s `speedup` times
            faster than weights of the same learning rate.
        initial_scale: the scale s of every channel at the start.

    Input: (..., channels); output: the same shape, bits per value (float32).
    """

    def __init__(self, speedup=10.0, initial_scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.speedup = validation.positive_real(speedup, "speedup")
        self.initial_scale = validation.positive_real(initial_scale, "initial_scale")

    def build(self, input_shape):
        channels = input_shape[-1]
        if channels is None:
            raise ValueError(f"LogisticEntropyModel needs a known number of channels, got input shape {input_shape}.")
        self.loc_raw = self.add_weight(shape=(channels,), initializer="zeros", name="loc_raw")
        self.log_scale_raw = self.add_weight(
            shape=(channels,), name="log_scale_raw",
            initializer=keras.initializers.Constant(math.log(self.initial_scale) / self.speedup))

    def location_and_scale(self):
        """(μ, s) as tensors of shape (channels,)."""
        return self.speedup * self.loc_raw, keras.ops.exp(self.speedup * self.log_scale_raw)

    def call(self, values):
        ops = keras.ops
        loc, scale = self.location_and_scale()
        distance = ops.abs(ops.cast(values, "float32") - loc)  # the logistic is symmetric: use the upper tail
        probability = (ops.sigmoid((0.5 - distance) / scale) - ops.sigmoid((-0.5 - distance) / scale))
        return -ops.log(ops.maximum(probability, 1e-9)) / math.log(2.0)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "speedup": self.speedup, "initial_scale": self.initial_scale}


def _loc_scale(loc, scale):
    loc, scale = np.asarray(loc, dtype=np.float64), np.asarray(scale, dtype=np.float64)
    if loc.ndim != 1 or scale.shape != loc.shape or not len(loc):
        raise ValueError(f"loc and scale must be two vectors of one length, got shapes {loc.shape} and {scale.shape}.")
    if not (np.all(np.isfinite(loc)) and np.all(np.isfinite(scale)) and np.all(scale > 0)):
        raise ValueError(f"loc must be finite and scale positive, got loc {loc} and scale {scale}.")
    return loc, scale


def logistic_integer_probabilities(loc, scale, low, high):
    """P(k) = σ((k + ½ − μ)/s) − σ((k − ½ − μ)/s) for the integers k = low … high (float64, length high − low + 1)."""
    from scipy.special import expit

    loc, scale = validation.real(loc, "loc"), validation.positive_real(scale, "scale")
    low, high = int(low), int(high)
    if high < low:
        raise ValueError(f"high must be ≥ low, got low={low}, high={high}.")
    distance = np.abs(np.arange(low, high + 1) - loc)
    return expit((0.5 - distance) / scale) - expit((-0.5 - distance) / scale)


def clip_ranges(loc, scale, tail=1e-6, min_reach=16):
    """Each channel's integer range [low, high]: the integers around μ outside which the logistic has mass < tail,
    and at least `min_reach` on each side of μ (an encoder's codes stray further than its rate model believes; the
    extra symbols cost almost nothing, as `constriction` gives each one only the smallest probability it can code).

    Args:
        loc, scale: the entropy model's (channels,) locations and scales.
        tail: the probability mass left outside the range, on both sides together.
        min_reach: the least distance from μ to either end of the range.

    Returns:
        (lows, highs), int64 arrays of shape (channels,), with low ≤ round(μ) ≤ high.
    """
    loc, scale = _loc_scale(loc, scale)
    tail = validation.real(tail, "tail", low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)
    min_reach = validation.non_negative_real(min_reach, "min_reach")
    reach = np.maximum(scale * math.log(2.0 / tail - 1.0), min_reach)  # P(|v − μ| > reach) ≤ tail for a logistic
    return np.floor(loc - reach).astype(np.int64), np.ceil(loc + reach).astype(np.int64)


def clip_codes(codes, loc, scale, tail=1e-6):
    """Integer codes (h, w, channels) clipped to their channel's range from `clip_ranges` (int32)."""
    codes = _codes(codes, len(np.atleast_1d(loc)))
    lows, highs = clip_ranges(loc, scale, tail)
    return np.clip(codes, lows, highs).astype(np.int32)


def _codes(codes, channels):
    codes = np.asarray(codes)
    if codes.ndim != 3 or codes.shape[-1] != channels or min(codes.shape) < 1:
        raise ValueError(f"codes must be (height, width, {channels}), got shape {codes.shape}.")
    if not np.all(np.isfinite(codes)) or not np.array_equal(codes, np.round(codes)):
        raise ValueError("codes must be integers (round them first).")
    if max(codes.shape[:2]) >= 2**16:
        raise ValueError(f"codes of shape {codes.shape} are too large for the 16-bit header.")
    return codes.astype(np.int64)


def _channel_models(loc, scale, tail):
    import constriction

    lows, highs = clip_ranges(loc, scale, tail)
    models = [constriction.stream.model.Categorical(logistic_integer_probabilities(mu, s, low, high), perfect=False)
              for mu, s, low, high in zip(loc, scale, lows, highs, strict=True)]
    return lows, models


def encode_codes(codes, loc, scale, tail=1e-6):
    """The integer codes of one image as bytes: a 4-byte header, then `constriction`'s range coder, channel by channel.

    Args:
        codes: integers (h, w, channels), h and w < 65536.
        loc, scale: the entropy model's (channels,) locations and scales (shared with the decoder, not written).
        tail: the clipping rule of `clip_ranges` (codes outside their range are clipped first).

    Returns:
        `bytes`; 8 · len(bytes) / (pixels of the image) is the real bits per pixel.
    """
    import constriction

    loc, scale = _loc_scale(loc, scale)
    codes = clip_codes(codes, loc, scale, tail)
    lows, models = _channel_models(loc, scale, tail)
    encoder = constriction.stream.queue.RangeEncoder()
    for channel, model in enumerate(models):
        encoder.encode((codes[..., channel].ravel() - lows[channel]).astype(np.int32), model)
    header = np.array(codes.shape[:2], dtype="<u2").tobytes()
    return header + encoder.get_compressed().astype("<u4").tobytes()


def decode_codes(data, loc, scale, tail=1e-6):
    """The codes written by `encode_codes`, read back: int32 (h, w, channels), equal to `clip_codes(codes, ...)`."""
    import constriction

    loc, scale = _loc_scale(loc, scale)
    if not isinstance(data, (bytes, bytearray)) or len(data) < HEADER_BYTES or (len(data) - HEADER_BYTES) % 4:
        raise ValueError(f"data must be the bytes written by encode_codes, got {type(data).__name__} of "
                         f"length {len(data) if hasattr(data, '__len__') else '?'}.")
    height, width = (int(v) for v in np.frombuffer(bytes(data[:HEADER_BYTES]), dtype="<u2"))
    words = np.frombuffer(bytes(data[HEADER_BYTES:]), dtype="<u4").astype(np.uint32)
    lows, models = _channel_models(loc, scale, tail)
    decoder = constriction.stream.queue.RangeDecoder(words)
    channels = [decoder.decode(model, height * width).astype(np.int64) + low
                for model, low in zip(models, lows, strict=True)]
    return np.stack(channels, axis=-1).reshape(height, width, len(models)).astype(np.int32)

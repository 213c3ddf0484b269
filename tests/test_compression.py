import numpy as np
import pytest

from utils.compression import (
    GDN,
    LogisticEntropyModel,
    UniformQuantizer,
    clip_codes,
    clip_ranges,
    decode_codes,
    encode_codes,
    logistic_integer_probabilities,
)
from utils.course.backend import load_keras

keras = load_keras()
ops = keras.ops


def _model_and_codes(seed=0, channels=8, shape=(6, 9)):
    rng = np.random.default_rng(seed)
    loc = rng.normal(0.0, 0.4, channels)
    scale = np.exp(rng.normal(-0.3, 0.8, channels))
    codes = np.round(rng.logistic(loc, scale, (*shape, channels))).astype(np.int32)
    return loc, scale, codes


@pytest.mark.parametrize("seed, shape", [(0, (6, 9)), (1, (1, 1)), (2, (32, 48))])
def test_encode_decode_gives_back_the_codes_exactly(seed, shape):
    loc, scale, codes = _model_and_codes(seed, shape=shape)
    data = encode_codes(codes, loc, scale)
    assert isinstance(data, bytes) and (len(data) - 4) % 4 == 0
    decoded = decode_codes(data, loc, scale)
    assert decoded.dtype == np.int32 and decoded.shape == codes.shape
    assert np.array_equal(decoded, clip_codes(codes, loc, scale))
    assert np.array_equal(clip_codes(codes, loc, scale), codes)  # nothing this typical is clipped


def test_outliers_are_clipped_to_the_channel_range_and_decoded_as_clipped():
    loc, scale, codes = _model_and_codes(3)
    codes[0, 0, 0], codes[1, 1, 1] = 10_000, -10_000
    lows, highs = clip_ranges(loc, scale)
    decoded = decode_codes(encode_codes(codes, loc, scale), loc, scale)
    assert decoded[0, 0, 0] == highs[0] and decoded[1, 1, 1] == lows[1]
    assert np.sum(decoded != codes) == 2


def test_bytes_come_close_to_the_ideal_code_length():
    loc, scale, codes = _model_and_codes(4, shape=(40, 40))
    ideal_bits = sum(-np.log2(logistic_integer_probabilities(loc[c], scale[c], codes[..., c].min(),
                                                             codes[..., c].max())[codes[..., c].ravel()
                                                                                  - codes[..., c].min()]).sum()
                     for c in range(codes.shape[-1]))
    data = encode_codes(codes, loc, scale)
    assert ideal_bits / 8 <= len(data) <= ideal_bits / 8 + 4 + 8 + 0.01 * ideal_bits / 8


def test_clip_ranges_hold_all_but_the_tail():
    lows, highs = clip_ranges([0.0, 2.5], [1.0, 0.1], tail=1e-6)
    for low, high, mu, s in zip(lows, highs, [0.0, 2.5], [1.0, 0.1], strict=True):
        inside = logistic_integer_probabilities(mu, s, low, high).sum()
        assert inside >= 1 - 1e-6
        assert low <= round(mu) <= high


def test_coder_arguments_are_checked():
    loc, scale, codes = _model_and_codes(5)
    with pytest.raises(ValueError, match="integers"):
        encode_codes(codes + 0.5, loc, scale)
    with pytest.raises(ValueError, match="shape"):
        encode_codes(codes[..., :3], loc, scale)
    with pytest.raises(ValueError, match="scale"):
        encode_codes(codes, loc, -scale)
    with pytest.raises(ValueError, match="bytes"):
        decode_codes(b"\x01\x02", loc, scale)
    with pytest.raises(ValueError, match="high"):
        logistic_integer_probabilities(0.0, 1.0, 3, 2)


def test_integer_probabilities_sum_to_one_and_match_the_layer():
    probabilities = logistic_integer_probabilities(0.3, 0.7, -60, 60)
    assert np.isclose(probabilities.sum(), 1.0)
    layer = LogisticEntropyModel(speedup=10.0, initial_scale=0.7)
    values = np.arange(-3, 4, dtype="float32").reshape(1, 7, 1)
    layer.build(values.shape)
    layer.loc_raw.assign(np.array([0.03], "float32"))
    bits = ops.convert_to_numpy(layer(values))[0, :, 0]
    assert np.allclose(bits, -np.log2(logistic_integer_probabilities(0.3, 0.7, -3, 3)), rtol=1e-4)


def test_quantizer_adds_bounded_noise_in_training_and_rounds_at_inference():
    codes = np.random.default_rng(0).normal(0, 3, (4, 5, 5, 2)).astype("float32")
    quantizer = UniformQuantizer(seed=1)
    noisy = ops.convert_to_numpy(quantizer(codes, training=True))
    assert np.all(np.abs(noisy - codes) <= 0.5) and not np.allclose(noisy, codes)
    assert np.array_equal(ops.convert_to_numpy(quantizer(codes)), np.round(codes))


def test_gdn_and_its_inverse():
    values = np.random.default_rng(0).normal(0, 1, (2, 3, 3, 4)).astype("float32")
    gdn, igdn = GDN(), GDN(inverse=True)
    normalized = ops.convert_to_numpy(gdn(values))
    norm = np.sqrt(1 + 1e-6 + (values**2) @ (0.1 * np.eye(4) + 0.001))
    assert np.allclose(normalized, values / norm, rtol=1e-5)
    assert np.allclose(ops.convert_to_numpy(igdn(values)), values * norm, rtol=1e-5)
    with pytest.raises(ValueError, match="inverse"):
        GDN(inverse="yes")


@pytest.mark.parametrize("make", [lambda: GDN(inverse=True), lambda: UniformQuantizer(seed=3),
                                  lambda: LogisticEntropyModel(speedup=5.0, initial_scale=2.0)])
def test_layers_round_trip_through_keras_saving(tmp_path, make):
    inputs = keras.Input((4, 4, 3))
    model = keras.Model(inputs, make()(inputs))
    values = np.random.default_rng(1).normal(0, 2, (2, 4, 4, 3)).astype("float32")
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    assert np.allclose(ops.convert_to_numpy(model(values)), ops.convert_to_numpy(loaded(values)))
    layer = model.layers[-1]
    assert type(layer).from_config(layer.get_config()).get_config() == layer.get_config()

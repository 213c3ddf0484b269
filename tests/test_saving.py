"""Save → load round trips of every custom Keras object in `utils`: layers, regularizers and the VAE model.

Each object is built into a tiny model, saved in the native `.keras` format and loaded with
`keras.saving.load_model` alone (no `custom_objects`: registration under `utils.KERAS_PACKAGE` must suffice). The
loaded model must give the same outputs (and added losses), and `from_config(get_config())` must give the same config.

Random layers are compared where the comparison means something. At inference the noise layers are the identity, so
they are also compared on their first draw in training mode: Keras saves no `SeedGenerator` state, so a loaded layer
restarts its noise from its seed, and its first draw must equal the original's first draw (taken after saving).
"""

import copy
import json

import numpy as np
import pytest

from utils.contractive import ContractiveSigmoidDense
from utils.course.backend import load_keras
from utils.noise import ClippedGaussianNoise, MaskingNoise, SaltAndPepperNoise
from utils.regularizers import KLSparsity, L1Activity
from utils.variational import VAE, Sampling

keras = load_keras()
ops = keras.ops

FEATURES = 6
INPUTS = np.random.default_rng(0).random((5, FEATURES)).astype("float32")
NOISE_LAYERS = {
    "ClippedGaussianNoise": lambda: ClippedGaussianNoise(0.3, clip=(0.0, 1.0), seed=1),
    "SaltAndPepperNoise": lambda: SaltAndPepperNoise(0.4, low=0.0, high=1.0, seed=2),
    "MaskingNoise": lambda: MaskingNoise(0.4, value=-1.0, seed=3),
}
LAYERS = {**NOISE_LAYERS, "ContractiveSigmoidDense": lambda: ContractiveSigmoidDense(3, weight=0.1)}
REGULARIZERS = {
    "KLSparsity": lambda: KLSparsity(rho=0.1, beta=2.0, eps=1e-4),
    "L1Activity": lambda: L1Activity(l1=0.05),
}


def save_and_load(model, tmp_path):
    """Saves `model` to `tmp_path / "m.keras"` and loads it back without `custom_objects`.

    Args:
        model: a built `keras.Model`.
        tmp_path: a `pathlib.Path` to a fresh directory.

    Returns:
        The loaded model.
    """
    path = tmp_path / "m.keras"
    model.save(path)
    return keras.saving.load_model(path)


def assert_config_round_trips(instance):
    """Asserts that `type(instance).from_config(instance.get_config())` has the same config as `instance`.

    `from_config` gets a deep copy: Keras's functional deserialization consumes the nested model configs it is
    given (`VAE.from_config` empties `config["encoder"]["config"]`), which is its business, not the round trip's.
    """
    config = instance.get_config()
    assert type(instance).from_config(copy.deepcopy(config)).get_config() == config


def as_saved(config):
    """`config` as the `.keras` file stores it: through JSON, so tuples become lists."""
    return json.loads(json.dumps(config))


def as_numpy(values):
    return ops.convert_to_numpy(values)


def total_loss(model):
    """The sum of the losses the model's layers added during its last call, as a float."""
    return float(sum(as_numpy(loss) for loss in model.losses))


def model_around(layer):
    """A functional model `INPUTS → layer → Dense(2)`, so that the loaded weights matter to the output."""
    keras.utils.set_random_seed(0)
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, keras.layers.Dense(2, name="head")(layer(inputs)))


@pytest.mark.parametrize("make_layer", LAYERS.values(), ids=LAYERS.keys())
def test_layer_round_trips_in_inference_mode(make_layer, tmp_path):
    layer = make_layer()
    model = model_around(layer)
    loaded = save_and_load(model, tmp_path)
    restored = loaded.get_layer(layer.name)
    assert type(restored) is type(layer)
    assert restored.get_config() == layer.get_config()
    expected = as_numpy(model(INPUTS, training=False))
    np.testing.assert_allclose(as_numpy(loaded(INPUTS, training=False)), expected, rtol=1e-6)
    assert total_loss(loaded) == pytest.approx(total_loss(model), rel=1e-6)
    assert_config_round_trips(layer)


def test_contractive_layer_keeps_its_penalty_after_loading(tmp_path):
    model = model_around(ContractiveSigmoidDense(3, weight=0.1))
    loaded = save_and_load(model, tmp_path)
    model(INPUTS)
    loaded(INPUTS)
    assert total_loss(model) > 0
    assert total_loss(loaded) == pytest.approx(total_loss(model), rel=1e-6)


@pytest.mark.parametrize("make_layer", NOISE_LAYERS.values(), ids=NOISE_LAYERS.keys())
def test_noise_layer_draws_the_same_first_noise_after_loading(make_layer, tmp_path):
    model = model_around(make_layer())
    loaded = save_and_load(model, tmp_path)          # saved before any draw: both start from the seed
    expected = as_numpy(model(INPUTS, training=True))
    assert not np.allclose(expected, as_numpy(model(INPUTS, training=False)))   # the draw did corrupt something
    np.testing.assert_allclose(as_numpy(loaded(INPUTS, training=True)), expected, rtol=1e-6)


def test_sampling_round_trips_with_its_seed(tmp_path):
    z_mean, z_log_var = keras.Input((3,)), keras.Input((3,))
    layer = Sampling(seed=3, name="sampling")
    model = keras.Model([z_mean, z_log_var], layer([z_mean, z_log_var]))
    loaded = save_and_load(model, tmp_path)
    assert type(loaded.get_layer("sampling")) is Sampling
    assert loaded.get_layer("sampling").get_config() == layer.get_config()
    rng = np.random.default_rng(1)
    means, log_variances = rng.normal(size=(2, 4, 3)).astype("float32")
    expected = as_numpy(model([means, log_variances]))   # the first draw of each, as for the noise layers
    assert not np.allclose(expected, means)
    np.testing.assert_allclose(as_numpy(loaded([means, log_variances])), expected, rtol=1e-6)
    assert_config_round_trips(layer)


@pytest.mark.parametrize("make_regularizer", REGULARIZERS.values(), ids=REGULARIZERS.keys())
def test_activity_regularizer_round_trips(make_regularizer, tmp_path):
    regularizer = make_regularizer()
    keras.utils.set_random_seed(0)
    inputs = keras.Input((FEATURES,))
    codes = keras.layers.Dense(4, activation="sigmoid", activity_regularizer=regularizer, name="codes")(inputs)
    model = keras.Model(inputs, codes)
    loaded = save_and_load(model, tmp_path)
    restored = loaded.get_layer("codes").activity_regularizer
    assert type(restored) is type(regularizer)
    assert restored.get_config() == regularizer.get_config()
    np.testing.assert_allclose(as_numpy(loaded(INPUTS)), as_numpy(model(INPUTS)), rtol=1e-6)
    assert total_loss(model) > 0
    assert total_loss(loaded) == pytest.approx(total_loss(model), rel=1e-6)
    assert_config_round_trips(regularizer)


def tiny_vae(pixels=FEATURES, latent=2, hidden=5):
    """A seeded `VAE` with dense encoder and decoder, β = 0.5 and dynamic binarization."""
    keras.utils.set_random_seed(0)
    images = keras.Input((pixels,))
    features = keras.layers.Dense(hidden, activation="tanh")(images)
    encoder = keras.Model(images, [keras.layers.Dense(latent)(features), keras.layers.Dense(latent)(features)],
                          name="encoder")
    codes = keras.Input((latent,))
    logits = keras.layers.Dense(pixels)(keras.layers.Dense(hidden, activation="tanh")(codes))
    decoder = keras.Model(codes, logits, name="decoder")
    return VAE(encoder, decoder, beta=0.5, seed=2, binarize=True)


def test_trained_vae_round_trips(tmp_path):
    vae = tiny_vae()
    vae.compile(optimizer="adam")
    vae.fit(INPUTS, epochs=1, batch_size=5, verbose=0)
    vae.beta.assign(0.25)                               # a KL warm-up callback changes β during training
    loaded = save_and_load(vae, tmp_path)
    assert type(loaded) is VAE
    assert as_saved(loaded.get_config()) == as_saved(vae.get_config())
    assert float(as_numpy(loaded.beta)) == 0.25 and loaded.seed == 2 and loaded.binarize is True
    assert int(as_numpy(loaded.optimizer.iterations)) == int(as_numpy(vae.optimizer.iterations)) == 1
    for restored, original in zip(loaded.encoder(INPUTS), vae.encoder(INPUTS), strict=True):   # z_mean, z_log_var
        np.testing.assert_allclose(as_numpy(restored), as_numpy(original), rtol=1e-6)
    codes = np.random.default_rng(2).normal(size=(4, 2)).astype("float32")
    np.testing.assert_allclose(as_numpy(loaded.decoder(codes)), as_numpy(vae.decoder(codes)), rtol=1e-6)
    outputs = loaded(INPUTS, training=False)
    np.testing.assert_allclose(as_numpy(outputs["z_mean"]), as_numpy(vae(INPUTS)["z_mean"]), rtol=1e-6)
    assert_config_round_trips(vae)

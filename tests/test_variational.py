import math

import numpy as np
import pytest

from utils.variational import (
    VAE,
    Sampling,
    active_units,
    bernoulli_nll,
    gaussian_kl,
    importance_sampled_nll,
    keras,
    negative_elbo,
)

ops = keras.ops


def tiny_vae_parts(latent=2, pixels=12, hidden=8, seed=0):
    keras.utils.set_random_seed(seed)
    images = keras.Input((pixels,))
    hidden_layer = keras.layers.Dense(hidden, activation="tanh")(images)
    encoder = keras.Model(images, [keras.layers.Dense(latent)(hidden_layer), keras.layers.Dense(latent)(hidden_layer)])
    codes = keras.Input((latent,))
    decoder = keras.Model(codes, keras.layers.Dense(pixels)(keras.layers.Dense(hidden, activation="tanh")(codes)))
    return encoder, decoder


def binary_images(n=64, pixels=12, seed=0):
    rng = np.random.default_rng(seed)
    prototypes = rng.random((3, pixels))
    return (rng.random((n, pixels)) < prototypes[rng.integers(0, 3, n)]).astype("float32")


def test_sampling_has_the_requested_mean_and_spread_and_is_seeded():
    z_mean = np.full((100_000, 2), [2.0, -1.0], dtype="float32")
    z_log_var = np.full((100_000, 2), [math.log(0.25), math.log(4.0)], dtype="float32")
    draws = ops.convert_to_numpy(Sampling(seed=3)([z_mean, z_log_var]))
    np.testing.assert_allclose(draws.mean(axis=0), [2.0, -1.0], atol=0.02)
    np.testing.assert_allclose(draws.std(axis=0), [0.5, 2.0], rtol=0.02)
    again = ops.convert_to_numpy(Sampling(seed=3)([z_mean[:10], z_log_var[:10]]))
    np.testing.assert_array_equal(again, draws[:10])
    assert Sampling.from_config(Sampling(seed=3).get_config()).seed == 3


def test_gaussian_kl_known_values():
    zeros = np.zeros((1, 4), dtype="float32")
    assert float(gaussian_kl(zeros, zeros)[0]) == 0.0
    ones = np.ones((1, 4), dtype="float32")
    assert float(gaussian_kl(ones, zeros)[0]) == pytest.approx(4 * 0.5)   # ½ μ² per dimension
    log_var = np.full((1, 1), math.log(4.0), dtype="float32")             # ½ (σ² − 1 − log σ²) for σ² = 4
    assert float(gaussian_kl(np.zeros((1, 1), "float32"), log_var)[0]) == pytest.approx(0.5 * (3 - math.log(4)))
    assert tuple(gaussian_kl(ones, zeros, per_dimension=True).shape) == (1, 4)


def test_gaussian_kl_matches_monte_carlo():
    rng = np.random.default_rng(0)
    z_mean, z_log_var = rng.normal(size=3), rng.normal(scale=0.5, size=3)
    z = z_mean + np.exp(0.5 * z_log_var) * rng.standard_normal((400_000, 3))
    log_q = -0.5 * np.sum((z - z_mean) ** 2 / np.exp(z_log_var) + z_log_var + math.log(2 * math.pi), axis=1)
    log_p = -0.5 * np.sum(z**2 + math.log(2 * math.pi), axis=1)
    closed_form = float(gaussian_kl(z_mean[None].astype("float32"), z_log_var[None].astype("float32"))[0])
    assert closed_form == pytest.approx(np.mean(log_q - log_p), rel=0.02)


def test_bernoulli_nll_is_summed_binary_cross_entropy_and_stable():
    rng = np.random.default_rng(1)
    targets = (rng.random((5, 7)) < 0.5).astype("float32")
    logits = rng.normal(scale=3, size=(5, 7)).astype("float32")
    probabilities = 1 / (1 + np.exp(-logits.astype(np.float64)))
    expected = -np.sum(targets * np.log(probabilities) + (1 - targets) * np.log(1 - probabilities), axis=1)
    np.testing.assert_allclose(ops.convert_to_numpy(bernoulli_nll(targets, logits)), expected, rtol=1e-5)
    extreme = ops.convert_to_numpy(bernoulli_nll(np.array([[1.0, 0.0]], "float32"),
                                                 np.array([[-200.0, 200.0]], "float32")))
    assert np.isfinite(extreme).all() and extreme[0] == pytest.approx(400.0)


def test_vae_trains_with_fit_and_logs_both_terms():
    encoder, decoder = tiny_vae_parts()
    vae = VAE(encoder, decoder, beta=0.5, seed=0)
    vae.compile(optimizer=keras.optimizers.Adam(1e-2))
    images = binary_images()
    history = vae.fit(images, epochs=3, batch_size=16, verbose=0).history
    assert {"loss", "reconstruction", "kl"} <= set(history)
    assert history["loss"][-1] < history["loss"][0]
    for loss, reconstruction, kl in zip(history["loss"], history["reconstruction"], history["kl"], strict=True):
        assert loss == pytest.approx(reconstruction + 0.5 * kl, rel=1e-4)
    outputs = vae.predict(images[:4], verbose=0)
    assert outputs["logits"].shape == (4, 12) and outputs["codes"].shape == (4, 2)
    vae.beta.assign(2.0)
    clone = VAE.from_config(vae.get_config())
    assert float(ops.convert_to_numpy(clone.beta)) == 2.0 and clone.seed == 0 and clone.binarize is False


def test_dynamic_binarization_feeds_and_targets_fresh_binary_images():
    encoder, decoder = tiny_vae_parts()
    vae = VAE(encoder, decoder, seed=0, binarize=True)
    gray = np.full((4, 12), 0.3, dtype="float32")
    first, second = (ops.convert_to_numpy(vae(gray, training=True)["inputs"]) for _ in range(2))
    assert set(np.unique(first)) <= {0.0, 1.0} and not np.array_equal(first, second)
    np.testing.assert_array_equal(ops.convert_to_numpy(vae(gray, training=False)["inputs"]), gray)
    draws = np.concatenate([ops.convert_to_numpy(vae(np.full((500, 12), 0.3, "float32"), training=True)["inputs"])
                            for _ in range(4)])
    assert draws.mean() == pytest.approx(0.3, abs=0.01)
    vae.compile(optimizer="adam")
    assert np.isfinite(vae.fit(gray, epochs=1, verbose=0).history["loss"][0])


def test_importance_sampled_nll_is_exact_when_the_posterior_is_the_prior():
    # A decoder that ignores z and an encoder that returns the prior: every importance weight equals p(x).
    encoder_inputs = keras.Input((6,))
    zero_dense = keras.layers.Dense(2, kernel_initializer="zeros")
    encoder = keras.Model(encoder_inputs, [zero_dense(encoder_inputs), zero_dense(encoder_inputs)])
    codes = keras.Input((2,))
    decoder = keras.Model(codes, keras.layers.Dense(6, kernel_initializer="zeros",
                                                    bias_initializer=keras.initializers.Constant(0.7))(codes))
    images = binary_images(n=10, pixels=6)
    p = 1 / (1 + math.exp(-0.7))
    exact = -np.sum(images * math.log(p) + (1 - images) * math.log(1 - p), axis=1)
    np.testing.assert_allclose(importance_sampled_nll(encoder, decoder, images, k=7, batch_size=3), exact, rtol=1e-5)
    np.testing.assert_allclose(negative_elbo(encoder, decoder, images, batch_size=4), exact, rtol=1e-5)


def test_importance_sampled_nll_is_below_the_negative_elbo():
    encoder, decoder = tiny_vae_parts(seed=2)
    vae = VAE(encoder, decoder, seed=0)
    vae.compile(optimizer=keras.optimizers.Adam(1e-2))
    images = binary_images(n=128)
    vae.fit(images, epochs=5, batch_size=32, verbose=0)
    nll = importance_sampled_nll(encoder, decoder, images, k=100, batch_size=50, seed=1)
    single_sample = np.mean([importance_sampled_nll(encoder, decoder, images, k=1, seed=s).mean() for s in range(20)])
    elbo_estimate = np.mean([negative_elbo(encoder, decoder, images, seed=s).mean() for s in range(20)])
    assert nll.shape == (128,) and np.isfinite(nll).all()
    assert nll.mean() < elbo_estimate
    assert single_sample == pytest.approx(elbo_estimate, rel=0.02)   # k = 1 is an estimate of the ELBO itself


def test_active_units_sees_an_unused_dimension():
    inputs = keras.Input((3,))
    encoder = keras.Model(inputs, [keras.layers.Dense(2, kernel_initializer=keras.initializers.Constant(
        np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]])))(inputs), keras.layers.Dense(2)(inputs)])
    active, variances = active_units(encoder, np.random.default_rng(0).random((200, 3)).astype("float32"))
    assert active.tolist() == [True, False] and variances[1] == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("call, shown", [
    (lambda: Sampling(seed=-1), "-1"),
    (lambda: VAE(*tiny_vae_parts(), beta=-0.5), "-0.5"),
    (lambda: VAE(*tiny_vae_parts(), beta=float("nan")), "nan"),
    (lambda: VAE("encoder", tiny_vae_parts()[1]), "'encoder'"),
    (lambda: VAE(*tiny_vae_parts(), binarize=1), "binarize.*1"),
    (lambda: importance_sampled_nll(*tiny_vae_parts(), binary_images(), k=0), "k must be.*0"),
    (lambda: importance_sampled_nll(*tiny_vae_parts(), binary_images(), batch_size=2.5), "2.5"),
    (lambda: importance_sampled_nll(*tiny_vae_parts(), np.zeros((4, 12), "uint8")), "uint8"),
    (lambda: gaussian_kl(np.zeros((2, 3)), np.zeros((2, 4))), r"\(2, 3\).*\(2, 4\)"),
    (lambda: active_units(tiny_vae_parts()[0], binary_images(), threshold=-1), "-1"),
])
def test_bad_arguments_are_named(call, shown):
    with pytest.raises(ValueError, match=shown):
        call()

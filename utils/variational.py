"""Variational autoencoders: the reparameterized sampling layer, the ELBO's two terms, a trainable VAE, and the
importance-sampled negative log-likelihood.

The model is q(z|x) = N(z_mean, exp(z_log_var)) (the encoder), p(z) = N(0, I) (the prior) and p(x|z) = Bernoulli with
logits given by the decoder. The loss is the negative ELBO in nats per image:

    −ELBO(x) = Σ_pixels BCE(x, decoder(z)) + β · KL(q(z|x) ‖ p(z)),     z = z_mean + exp(z_log_var / 2) · ε.

Everything is written with `keras.ops` and `keras.random`, so it runs on the TensorFlow, JAX and PyTorch backends;
training goes through `fit` (the model overrides `compute_loss`, not `train_step`)::

    encoder = ...  # a keras.Model: images → (z_mean, z_log_var)
    decoder = ...  # a keras.Model: codes → logits, one per pixel (no sigmoid: the loss applies it, stably)
    vae = VAE(encoder, decoder, beta=1.0, seed=0)
    vae.compile(optimizer="adam")
    vae.fit(train_images, epochs=10, batch_size=128)            # history: loss, reconstruction, kl
    nll = importance_sampled_nll(encoder, decoder, test_images, k=200)   # nats per image

Notebook 09 derives all of this; notebook 20 reuses it.
"""

import math

import keras
import numpy as np

from utils import KERAS_PACKAGE, validation

ops = keras.ops
LOG_2PI = math.log(2.0 * math.pi)


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class Sampling(keras.layers.Layer):
    """The reparameterization trick: z = z_mean + exp(z_log_var / 2) · ε with ε ~ N(0, I).

    Called on `[z_mean, z_log_var]`. The noise comes from a `keras.random.SeedGenerator`, so a seeded layer draws a
    reproducible sequence, and gradients flow to `z_mean` and `z_log_var` through the deterministic formula.
    """

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = validation.optional_seed(seed)
        self.seed_generator = keras.random.SeedGenerator(self.seed)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        epsilon = keras.random.normal(ops.shape(z_mean), dtype=z_mean.dtype, seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}


def gaussian_kl(z_mean, z_log_var, per_dimension=False):
    """KL(N(z_mean, exp(z_log_var)) ‖ N(0, I)) in nats, in closed form.

    Per dimension it is ½ (exp(log σ²) + μ² − 1 − log σ²). Returns one value per example (summed over the last axis),
    or, with `per_dimension=True`, one per example and dimension.
    """
    if tuple(z_mean.shape) != tuple(z_log_var.shape):
        raise ValueError(f"z_mean and z_log_var must have one shape, got {tuple(z_mean.shape)} and "
                         f"{tuple(z_log_var.shape)}.")
    per_dim = 0.5 * (ops.exp(z_log_var) + ops.square(z_mean) - 1.0 - z_log_var)
    return per_dim if per_dimension else ops.sum(per_dim, axis=-1)


def bernoulli_nll(targets, logits):
    """−log p(x|z) for independent Bernoulli pixels, summed over every axis but the first, in nats.

    `logits` are the decoder's pre-sigmoid outputs; softplus(l) − x·l equals the binary cross-entropy
    −[x log σ(l) + (1 − x) log(1 − σ(l))] without ever computing log(0). `targets` in [0, 1] (binary for a true
    likelihood).
    """
    if tuple(targets.shape[1:]) != tuple(logits.shape[1:]):
        raise ValueError(f"targets and logits must have one shape per example, got {tuple(targets.shape)} and "
                         f"{tuple(logits.shape)}.")
    targets = ops.cast(targets, logits.dtype)
    per_pixel = ops.softplus(logits) - targets * logits
    return ops.sum(ops.reshape(per_pixel, (ops.shape(per_pixel)[0], -1)), axis=-1)


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class VAE(keras.Model):
    """A variational autoencoder trained with `fit`, on any backend.

    Args:
        encoder: a `keras.Model` from images to `(z_mean, z_log_var)`.
        decoder: a `keras.Model` from codes to one **logit** per pixel (no final sigmoid; take `ops.sigmoid` of its
            output for pixel probabilities).
        beta: weight of the KL term (β = 1 is the ELBO; β-VAE otherwise). Kept in a non-trainable variable, so a
            callback can change it during training (KL warm-up) with `vae.beta.assign(value)`.
        seed: seed of the sampling layer (and of the binarization).
        binarize: dynamic binarization: while training, replace every pixel intensity p by a fresh Bernoulli(p)
            draw at every step, used both as the encoder's input and as the target (a new binary training set every
            epoch, the usual protocol for likelihoods on MNIST). Done on the device, not in a Python data pipeline.

    Calling the model returns a dict with `inputs` (the images the encoder saw: binarized while training with
    `binarize=True`, unchanged otherwise), `logits`, `z_mean`, `z_log_var` and the sampled `codes`. Training with
    `fit(images)` (no targets: the encoder's inputs are their own targets; pass `y` to reconstruct something else)
    minimises the mean over the batch of `reconstruction + β · kl`, both in nats per image, and the history records
    `loss`, `reconstruction` and `kl`. Sample weights are not supported.
    """

    def __init__(self, encoder, decoder, beta=1.0, seed=None, binarize=False, **kwargs):
        super().__init__(**kwargs)
        for model, role in ((encoder, "encoder"), (decoder, "decoder")):
            if not isinstance(model, keras.Model):
                raise ValueError(f"{role} must be a keras.Model, got {model!r}.")
        self.encoder, self.decoder = encoder, decoder
        beta = validation.non_negative_real(beta, "beta")
        self.beta = keras.Variable(beta, trainable=False, name="beta", dtype="float32")
        self.seed = validation.optional_seed(seed)
        self.sampling = Sampling(seed=self.seed, name="sampling")
        if not isinstance(binarize, bool):
            raise ValueError(f"binarize must be True or False, got {binarize!r}.")
        self.binarize = binarize
        self.binarize_seed_generator = keras.random.SeedGenerator(None if self.seed is None else self.seed + 1)
        self.reconstruction_tracker = keras.metrics.Mean(name="reconstruction")
        self.kl_tracker = keras.metrics.Mean(name="kl")

    def call(self, images, training=False):
        if self.binarize and training:
            noise = keras.random.uniform(ops.shape(images), dtype=images.dtype, seed=self.binarize_seed_generator)
            images = ops.cast(noise < images, images.dtype)
        z_mean, z_log_var = self.encoder(images, training=training)
        codes = self.sampling([z_mean, z_log_var])
        logits = self.decoder(codes, training=training)
        return {"inputs": images, "logits": logits, "z_mean": z_mean, "z_log_var": z_log_var, "codes": codes}

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        if sample_weight is not None:
            raise ValueError("VAE does not support sample weights.")
        targets = y_pred["inputs"] if y is None else y
        reconstruction = ops.mean(bernoulli_nll(targets, y_pred["logits"]))
        kl = ops.mean(gaussian_kl(y_pred["z_mean"], y_pred["z_log_var"]))
        self.reconstruction_tracker.update_state(reconstruction)
        self.kl_tracker.update_state(kl)
        return reconstruction + ops.cast(self.beta, kl.dtype) * kl

    def get_config(self):
        return {**super().get_config(), "encoder": keras.saving.serialize_keras_object(self.encoder),
                "decoder": keras.saving.serialize_keras_object(self.decoder),
                "beta": float(ops.convert_to_numpy(self.beta)), "seed": self.seed,
                "binarize": self.binarize}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config["encoder"] = keras.saving.deserialize_keras_object(config["encoder"])
        config["decoder"] = keras.saving.deserialize_keras_object(config["decoder"])
        return cls(**config)


def _float_images(images):
    images = np.asarray(images)
    if images.ndim < 2 or len(images) == 0:
        raise ValueError(f"images must be a non-empty batch (n, ...), got shape {images.shape}.")
    if not np.issubdtype(images.dtype, np.floating):
        raise ValueError(f"images must be floats in [0, 1] (binarized for a likelihood), got dtype {images.dtype}.")
    return images.astype("float32")


def importance_sampled_nll(encoder, decoder, images, k=200, batch_size=100, seed=0):
    """The importance-sampled estimate of −log p(x), in nats, for each image (Burda et al., 2016, eq. 8):

        log p(x) ≈ log (1/k) Σ_i p(x|z_i) p(z_i) / q(z_i|x),   z_i ~ q(z|x),

    computed as a logsumexp for stability. With k = 1 its expectation is the ELBO; it tightens towards log p(x) as k
    grows, so −log p(x) estimates lie at or below −ELBO. `images` must match the decoder's Bernoulli likelihood:
    binary pixels for a true likelihood. Returns a float64 NumPy array of shape (n,).
    """
    k = validation.positive_int(k, "k")
    batch_size = validation.positive_int(batch_size, "batch_size")
    seed = validation.optional_seed(seed)
    images = _float_images(images)
    generator = keras.random.SeedGenerator(seed)
    estimates = []
    for start in range(0, len(images), batch_size):
        batch = images[start:start + batch_size]
        n = len(batch)
        z_mean, z_log_var = encoder(batch, training=False)
        epsilon = keras.random.normal((k, *tuple(z_mean.shape)), dtype=z_mean.dtype, seed=generator)
        codes = z_mean[None] + ops.exp(0.5 * z_log_var)[None] * epsilon                     # (k, n, d)
        flat_codes = ops.reshape(codes, (k * n, -1))
        logits = decoder(flat_codes, training=False)
        repeated = ops.reshape(ops.broadcast_to(ops.convert_to_tensor(batch)[None], (k, *batch.shape)),
                               (k * n, *batch.shape[1:]))
        log_likelihood = -ops.reshape(bernoulli_nll(repeated, logits), (k, n))               # log p(x|z)
        log_prior = -0.5 * ops.sum(ops.square(codes) + LOG_2PI, axis=-1)                     # log p(z)
        log_posterior = -0.5 * ops.sum(ops.square(epsilon) + z_log_var[None] + LOG_2PI, axis=-1)  # log q(z|x)
        log_weights = log_likelihood + log_prior - log_posterior                             # (k, n)
        log_px = ops.logsumexp(log_weights, axis=0) - math.log(k)
        estimates.append(-ops.convert_to_numpy(log_px).astype(np.float64))
    return np.concatenate(estimates)


def negative_elbo(encoder, decoder, images, batch_size=100, seed=0):
    """−ELBO per image, in nats: the Bernoulli reconstruction term of one sample z ~ q(z|x) plus the closed-form KL.

    The same quantity `VAE` minimises with β = 1. Returns a float64 NumPy array of shape (n,).
    """
    batch_size = validation.positive_int(batch_size, "batch_size")
    images = _float_images(images)
    sampling = Sampling(seed=validation.optional_seed(seed))
    values = []
    for start in range(0, len(images), batch_size):
        batch = images[start:start + batch_size]
        z_mean, z_log_var = encoder(batch, training=False)
        logits = decoder(sampling([z_mean, z_log_var]), training=False)
        value = bernoulli_nll(batch, logits) + gaussian_kl(z_mean, z_log_var)
        values.append(ops.convert_to_numpy(value).astype(np.float64))
    return np.concatenate(values)


def active_units(encoder, images, threshold=0.01, batch_size=1000):
    """Which latent dimensions the encoder uses: Cov_x(E_q[z_j|x]) > `threshold` (Burda et al., 2016, sec. 5.2).

    Returns a boolean NumPy array with one entry per latent dimension, and the variances themselves.
    """
    threshold = validation.non_negative_real(threshold, "threshold")
    batch_size = validation.positive_int(batch_size, "batch_size")
    images = _float_images(images)
    means = np.concatenate([ops.convert_to_numpy(encoder(images[start:start + batch_size], training=False)[0])
                            for start in range(0, len(images), batch_size)])
    variances = means.var(axis=0)
    return variances > threshold, variances

"""Classical baselines that every autoencoder is measured against: the mean input and PCA-k.

Thin over scikit-learn. One PCA fit serves every code size up to the one it was fitted with, because the first k
principal directions of a fit with more components are those of a fit with k::

    pca = PCABaseline(max_components=128).fit(train_images)
    pca.reconstruct(test_images, k=32)          # same shape as test_images
    mean = MeanInput().fit(train_images)
    mean.reconstruct(test_images)

Inputs may have any shape `(n, ...)`: each example is flattened for the fit, and reconstructions come back in the
input's shape, as float32.
"""

import numpy as np

from utils import validation


def _examples(values, name="examples"):
    values = np.asarray(values)
    if values.ndim < 2 or len(values) == 0:
        raise ValueError(f"{name} must be an array of shape (n, ...) with n ≥ 1, got shape {values.shape}.")
    if not np.issubdtype(values.dtype, np.number):
        raise ValueError(f"{name} must be numbers, got dtype {values.dtype}.")
    return values


class MeanInput:
    """The reconstruction that ignores its input: the mean training example, for every example."""

    def fit(self, examples):
        """Store the mean of `examples` (n, ...). Returns `self`."""
        examples = _examples(examples)
        self.mean_ = examples.mean(axis=0, dtype=np.float64)
        return self

    def reconstruct(self, examples):
        """The training mean, repeated for each of `examples` (n, ...): float32 of the same shape."""
        examples = _examples(examples)
        if not hasattr(self, "mean_"):
            raise ValueError("MeanInput is not fitted yet: call .fit(train_examples) first.")
        if examples.shape[1:] != self.mean_.shape:
            raise ValueError(f"examples have shape {examples.shape[1:]} each; the fit saw {self.mean_.shape}.")
        return np.broadcast_to(self.mean_.astype(np.float32), examples.shape).copy()


class PCABaseline:
    """PCA fitted once, reconstructing through any k ≤ `max_components` principal directions.

    Args:
        max_components: the largest code size this fit will serve.
        seed: seed of scikit-learn's randomized solver (used on large inputs), for repeatable fits.
    """

    def __init__(self, max_components, seed=0):
        self.max_components = validation.positive_int(max_components, "max_components")
        self.seed = validation.non_negative_int(seed, "seed")

    def fit(self, examples):
        """Fit on training `examples` (n, ...). Returns `self`."""
        from sklearn.decomposition import PCA

        examples = _examples(examples)
        flat = examples.reshape(len(examples), -1)
        if self.max_components > min(flat.shape):
            raise ValueError(f"max_components={self.max_components} exceeds min(n_examples, n_features) = "
                             f"{min(flat.shape)}.")
        self.example_shape_ = examples.shape[1:]
        self.pca_ = PCA(n_components=self.max_components, random_state=self.seed).fit(flat)
        return self

    def _k(self, k):
        if not hasattr(self, "pca_"):
            raise ValueError("PCABaseline is not fitted yet: call .fit(train_examples) first.")
        k = validation.positive_int(k, "k")
        if k > self.max_components:
            raise ValueError(f"k={k} exceeds max_components={self.max_components} of this fit.")
        return k

    def _flat(self, examples):
        examples = _examples(examples)
        if examples.shape[1:] != self.example_shape_:
            raise ValueError(f"examples have shape {examples.shape[1:]} each; the fit saw {self.example_shape_}.")
        return examples.reshape(len(examples), -1).astype(np.float64)

    @property
    def components(self):
        """The principal directions, (max_components, n_features), strongest first."""
        self._k(1)
        return self.pca_.components_

    @property
    def mean(self):
        """The training mean, flattened: (n_features,)."""
        self._k(1)
        return self.pca_.mean_

    @property
    def explained_variance(self):
        """The variance along each principal direction, (max_components,)."""
        self._k(1)
        return self.pca_.explained_variance_

    def encode(self, examples, k):
        """The first `k` principal coordinates of `examples` (n, ...): float32 (n, k)."""
        k = self._k(k)
        return ((self._flat(examples) - self.mean) @ self.components[:k].T).astype(np.float32)

    def reconstruct(self, examples, k):
        """`examples` (n, ...) projected on the first `k` principal directions: float32 of the same shape."""
        k = self._k(k)
        centred = self._flat(examples) - self.mean
        directions = self.components[:k]
        flat = self.mean + (centred @ directions.T) @ directions
        return flat.reshape((len(flat), *self.example_shape_)).astype(np.float32)

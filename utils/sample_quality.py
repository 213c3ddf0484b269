"""How good are generated samples? Two scores computed on features of the images, not on their pixels.

Both compare a set of real images with a set of generated ones through a feature extractor (notebook 20 uses the
penultimate layer of a classifier it trains; the published FID uses Inception-v3 features instead, so the numbers are
not comparable with papers):

- `frechet_distance`: fit a Gaussian to each set of features and measure the Fréchet (2-Wasserstein) distance
  between the two, ‖μ_r − μ_g‖² + Tr(Σ_r + Σ_g − 2 (Σ_r Σ_g)^½) (Heusel et al., 2017). One number that grows when
  samples are unlike the real images *or* too alike each other; it depends on the number of examples, so compare
  sets of one size only.
- `precision_recall`: Kynkäänniemi et al. (2019). Around every real feature vector, a ball reaching to its k-th
  nearest real neighbour; **precision** is the share of generated samples inside some real ball (are samples
  realistic?), **recall** the share of real examples inside some ball around the generated ones (is the variety of
  the real data covered?).

Notebook 20 writes `frechet_distance` first and checks it equal to this one::

    distance = frechet_distance(real_features, generated_features)       # ≥ 0, 0 for identical statistics
    precision, recall = precision_recall(real_features, generated_features, k=3)
"""

import numpy as np

from utils import validation


def _features(values, name):
    values = np.asarray(values, dtype="float64")
    if values.ndim != 2 or len(values) < 2:
        raise ValueError(f"{name} must be a 2-D array (examples, features) with at least 2 examples, got shape "
                         f"{values.shape}.")
    return values


def _pair(real_features, generated_features):
    real = _features(real_features, "real_features")
    generated = _features(generated_features, "generated_features")
    if real.shape[1] != generated.shape[1]:
        raise ValueError(f"real_features and generated_features must have the same width, got {real.shape[1]} and "
                         f"{generated.shape[1]}.")
    return real, generated


def frechet_distance(real_features, generated_features):
    """The Fréchet distance between Gaussians fitted to two sets of feature vectors.

    Args:
        real_features: array `(n_real, d)`.
        generated_features: array `(n_generated, d)`.

    Returns:
        A float ≥ 0: ‖μ_r − μ_g‖² + Tr(Σ_r) + Tr(Σ_g) − 2 Tr((Σ_r Σ_g)^½), covariances with n − 1 in the denominator.
        The trace of the matrix square root is computed as the sum of the square roots of the eigenvalues of
        Σ_r^½ Σ_g Σ_r^½ (symmetric, so the result is real even when the covariances are singular).
    """
    real, generated = _pair(real_features, generated_features)
    mean_gap = real.mean(axis=0) - generated.mean(axis=0)
    real_cov, generated_cov = np.cov(real, rowvar=False), np.cov(generated, rowvar=False)
    eigenvalues, eigenvectors = np.linalg.eigh(real_cov)
    real_root = (eigenvectors * np.sqrt(np.clip(eigenvalues, 0.0, None))) @ eigenvectors.T
    middle = real_root @ generated_cov @ real_root
    trace_root = np.sum(np.sqrt(np.clip(np.linalg.eigvalsh((middle + middle.T) / 2), 0.0, None)))
    distance = mean_gap @ mean_gap + np.trace(real_cov) + np.trace(generated_cov) - 2.0 * trace_root
    return float(max(distance, 0.0))


def _inside_some_ball(points, centres, radii, chunk=1024):
    """Whether each of `points` lies within `radii[j]` of some `centres[j]`, computed in chunks of points."""
    from sklearn.metrics import pairwise_distances

    inside = np.empty(len(points), dtype=bool)
    for start in range(0, len(points), chunk):
        distances = pairwise_distances(points[start:start + chunk], centres)
        inside[start:start + chunk] = np.any(distances <= radii[None, :], axis=1)
    return inside


def _radii(features, k):
    from sklearn.neighbors import NearestNeighbors

    distances, _ = NearestNeighbors(n_neighbors=k).fit(features).kneighbors()  # kneighbors() skips the point itself
    return distances[:, -1]


def precision_recall(real_features, generated_features, k=3):
    """Improved precision and recall of generated samples (Kynkäänniemi et al., 2019).

    Args:
        real_features: array `(n_real, d)`.
        generated_features: array `(n_generated, d)`; use as many as real ones, the scores depend on the sizes.
        k: the neighbour that sets each ball's radius (3 in the paper); fewer than either set's size.

    Returns:
        `(precision, recall)`, two floats in [0, 1].
    """
    real, generated = _pair(real_features, generated_features)
    k = validation.positive_int(k, "k")
    if k >= min(len(real), len(generated)):
        raise ValueError(f"k must be smaller than both sets ({len(real)} real, {len(generated)} generated), got {k}.")
    precision = np.mean(_inside_some_ball(generated, real, _radii(real, k)))
    recall = np.mean(_inside_some_ball(real, generated, _radii(generated, k)))
    return float(precision), float(recall)

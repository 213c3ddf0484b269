"""Checks for the exercises of notebook 02 (undercomplete autoencoders and PCA).

Each check computes its own reference, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils import validation
from utils.exercises.core import one_number, verdict

PCA16_CODE = 16


def _reference_angles(a, b):
    from scipy.linalg import subspace_angles

    return np.sort(np.degrees(subspace_angles(a, b)))


def _angle_examples(seed=2):
    """Pairs of bases (d, k) whose subspaces are: unrelated, nearly equal (tiny angles), partly shared, of mixed k."""
    rng = np.random.default_rng(seed)
    random_a, random_b = rng.normal(size=(2, 100, 6))
    nearby = random_a @ rng.normal(size=(6, 6)) + 1e-3 * rng.normal(size=(100, 6))
    shared, own_a, own_b = rng.normal(size=(100, 3)), rng.normal(size=(100, 2)), rng.normal(size=(100, 2))
    return [
        ("two random 6-dimensional subspaces", random_a, random_b),
        ("a subspace and a slightly moved, re-mixed copy of it (tiny angles)", random_a, nearby),
        ("two subspaces sharing 3 of their 5 dimensions", np.hstack([shared, own_a]), np.hstack([own_b, shared])),
        ("a 1-dimensional pair", random_a[:, :1], random_b[:, :1]),
    ]


def check_principal_angles(candidate, atol=1e-3):
    """Exercise 1: `candidate(a, b)` returns the principal angles, in degrees, smallest first, between the column
    spans of `a` and `b` (both (d, k)).

    Args:
        candidate: the learner's function.
        atol: the tolerance in degrees (a sine-based reference is exact for tiny angles; `arccos` is not quite).
    """
    atol = validation.positive_real(atol, "atol")
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_principal_angles with `def` and "
                              "pass its name.")
    for description, a, b in _angle_examples():
        expected = _reference_angles(a, b)
        try:
            answer = candidate(a.copy(), b.copy())
        except Exception as error:  # the learner's code may fail in any way; say how, kindly
            return verdict(False, f"my_principal_angles raised {type(error).__name__}: {error} on {description}.")
        if answer is None:
            return verdict(False, f"my_principal_angles returned None on {description}. Did you forget `return`?")
        try:
            answer = np.asarray(answer, dtype=np.float64).ravel()
        except (TypeError, ValueError):
            return verdict(False, f"my_principal_angles should return numbers, got {type(answer).__name__}.")
        if answer.shape != expected.shape:
            return verdict(False, f"on {description} you returned {answer.size} angles; expected {expected.size}, "
                                  "one per dimension of the subspaces.")
        if np.allclose(answer, expected, rtol=0.0, atol=atol):
            continue
        if np.allclose(np.degrees(answer), expected, rtol=0.0, atol=atol):
            return verdict(False, f"on {description} your angles look like radians: convert them with np.degrees.")
        if np.allclose(np.sort(answer), expected, rtol=0.0, atol=atol):
            return verdict(False, f"on {description} your angles are right but not sorted from smallest to largest.")
        worst = int(np.argmax(np.abs(answer - expected)))
        return verdict(False, f"on {description} angle {worst + 1} is {answer[worst]:.4g}°, expected "
                              f"{expected[worst]:.4g}°. Orthonormalise both bases first (np.linalg.qr): the singular "
                              "values of Qa^T Qb are cosines only for orthonormal bases.")
    return verdict(True, "my_principal_angles matches scipy.linalg.subspace_angles on unrelated, nearly equal, "
                         "partly shared and 1-dimensional subspaces.")


def check_pca16_train_mse(answer, pca, train_examples):
    """Exercise 2: the training MSE of PCA-16, computed from the dropped variances of `pca` alone.

    Args:
        answer: the learner's number.
        pca: a `utils.baselines.PCABaseline` fitted on `train_examples` with all components (one per feature).
        train_examples: the training examples `(n, ...)` the PCA was fitted on.
    """
    name = "my_pca16_train_mse"
    train_examples = np.asarray(train_examples)
    n_features = int(np.prod(train_examples.shape[1:]))
    if getattr(pca, "max_components", None) != n_features:
        raise ValueError(f"pca must be a PCABaseline fitted with all {n_features} components, got {pca!r}.")
    answer, failed = one_number(answer, name, hint="Hint: sum the variances of the directions PCA-16 drops, then "
                                                   "divide by the number of pixels.")
    if failed is not None:
        return failed
    flat = train_examples.reshape(len(train_examples), -1).astype(np.float64)
    reconstructions = pca.reconstruct(train_examples, PCA16_CODE).reshape(len(flat), -1).astype(np.float64)
    expected = float(np.mean((flat - reconstructions) ** 2))
    if np.isclose(answer, expected, rtol=1e-3, atol=0.0):
        return verdict(True, f"{name} = {answer:.5f} matches PCA-16's reconstruction error on the training images "
                             f"({expected:.5f}), without reconstructing anything.")
    dropped = float(np.sum(pca.explained_variance[PCA16_CODE:]))
    kept = float(np.sum(pca.explained_variance[:PCA16_CODE]))
    if np.isclose(answer, dropped, rtol=1e-2, atol=0.0):
        return verdict(False, f"{name} = {answer:.5f} is the summed dropped variance: divide by the number of "
                              f"pixels ({n_features}) to get a mean over pixels.")
    if np.isclose(answer, kept / n_features, rtol=1e-2, atol=0.0) or np.isclose(answer, kept, rtol=1e-2, atol=0.0):
        return verdict(False, f"{name} = {answer:.5f} comes from the 16 variances PCA-16 *keeps*; its error is what "
                              "it drops: explained_variance[16:].")
    return verdict(False, f"{name} = {answer:.5f} is not the expected {expected:.5f}. Sum explained_variance[16:], "
                          "divide by the number of pixels, and scale by (n - 1) / n.")

import numpy as np
import pytest

from utils.baselines import MeanInput, PCABaseline
from utils.reconstruction_errors import mean_squared_error

BASIS = np.random.default_rng(99).normal(size=(3, 30))


def data(n=200, shape=(6, 5), seed=0):
    """Examples of rank 3 (one shared basis), shaped (n, 6, 5)."""
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(n, 3)) @ BASIS).reshape(n, *shape).astype("float32")


def test_mean_input_repeats_the_training_mean():
    train, test = data(), data(seed=1)
    reconstructions = MeanInput().fit(train).reconstruct(test)
    assert reconstructions.shape == test.shape and reconstructions.dtype == np.float32
    assert np.allclose(reconstructions[0], train.mean(axis=0)) and np.allclose(reconstructions[7], reconstructions[0])
    with pytest.raises(ValueError, match="not fitted"):
        MeanInput().reconstruct(test)
    with pytest.raises(ValueError, match=r"\(30,\)"):
        MeanInput().fit(train).reconstruct(test.reshape(len(test), -1))


def test_one_pca_fit_serves_every_k_like_a_fit_of_k():
    from sklearn.decomposition import PCA

    train, test = data(), data(seed=1)
    pca = PCABaseline(max_components=10).fit(train)
    for k in (1, 2, 5):
        direct = PCA(n_components=k).fit(train.reshape(len(train), -1))
        expected = direct.inverse_transform(direct.transform(test.reshape(len(test), -1))).reshape(test.shape)
        assert np.allclose(pca.reconstruct(test, k), expected, atol=1e-4)
        assert pca.encode(test, k).shape == (len(test), k)
    # data of rank 3: three directions reconstruct it exactly, two do not
    exact, short = (mean_squared_error(test, pca.reconstruct(test, k)) for k in (3, 2))
    assert exact < 1e-8 < short


@pytest.mark.parametrize("k", [0, 11, 2.0, True])
def test_pca_rejects_bad_k(k):
    pca = PCABaseline(max_components=10).fit(data())
    with pytest.raises(ValueError, match="k"):
        pca.reconstruct(data(), k)


def test_pca_rejects_bad_arguments():
    with pytest.raises(ValueError, match="max_components"):
        PCABaseline(max_components=0)
    with pytest.raises(ValueError, match="exceeds"):
        PCABaseline(max_components=50).fit(data(n=20))
    with pytest.raises(ValueError, match="not fitted"):
        PCABaseline(4).reconstruct(data(), 2)

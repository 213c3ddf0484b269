import numpy as np
import pytest

from utils.reconstruction_errors import mean_squared_error, squared_errors, summed_squared_error


def test_per_example_and_averaged_errors():
    originals = np.zeros((2, 2, 2), dtype="float32")
    reconstructions = np.array([[[1, 1], [1, 1]], [[0, 0], [0, 2]]], dtype="float32")
    assert np.allclose(squared_errors(originals, reconstructions), [1.0, 1.0])
    assert np.allclose(squared_errors(originals, reconstructions, "sum"), [4.0, 4.0])
    assert mean_squared_error(originals, reconstructions) == pytest.approx(1.0)
    assert summed_squared_error(originals, reconstructions) == pytest.approx(4.0)


def test_float32_sums_keep_their_digits():
    big = np.full((1000, 784), 0.1, dtype="float32")
    assert summed_squared_error(big, np.zeros_like(big)) == pytest.approx(7.84, rel=1e-6)


@pytest.mark.parametrize("a, b, shown", [
    (np.zeros((3, 4)), np.zeros((3, 5)), r"\(3, 5\)"),
    (np.zeros(4), np.zeros(4), r"\(4,\)"),
])
def test_bad_shapes(a, b, shown):
    with pytest.raises(ValueError, match=shown):
        mean_squared_error(a, b)


def test_bad_reduction():
    with pytest.raises(ValueError, match="'median'"):
        squared_errors(np.zeros((2, 2)), np.zeros((2, 2)), "median")

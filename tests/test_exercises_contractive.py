import numpy as np
import pytest

from utils.exercises.contractive import _tanh_examples, check_tanh_jacobian, check_tiny_jacobian


def test_tiny_jacobian_accepts_the_answer(capsys):
    assert check_tiny_jacobian((0.5 * (1 - 0.5)) ** 2 * (3**2 + (-4) ** 2))
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [(0.25 * 25, "enters squared"), (1.25, "Frobenius norm"), (0.0625, "one by one"), (0.25 * 25 / 4 * 4, "squared"),
(2.0, "entry by entry"), (None, "None"), ("a lot", "one number")],
)
def test_tiny_jacobian_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_tiny_jacobian(wrong)
    assert says in capsys.readouterr().out


def reference(codes, kernel):
    return np.sum((1 - codes**2) ** 2 * np.sum(kernel**2, axis=0), axis=-1)


def test_the_reference_is_the_squared_frobenius_norm_of_the_autodiff_jacobian(batch_jacobian, float64):
    from utils.course.backend import load_keras

    ops = load_keras().ops
    rng = np.random.default_rng(0)
    kernel, bias = rng.normal(size=(5, 3)), rng.normal(size=3)
    inputs = rng.normal(size=(4, 5))

    def encoder(x):
        # tanh(z) = 2σ(2z) − 1: off TensorFlow, Keras rounds `ops.tanh` to float32 even on float64 inputs; `ops.sigmoid`
        # keeps float64, which the 1e-10 tolerance needs (the dtype assertion below checks it).
        return 2.0 * ops.sigmoid(2.0 * (ops.matmul(x, kernel) + bias)) - 1.0

    jacobians = batch_jacobian(encoder, inputs)  # (batch, units, inputs), from the backend's autodiff
    assert jacobians.dtype == np.float64
    codes = np.tanh(inputs @ kernel + bias)
    np.testing.assert_allclose(reference(codes, kernel), np.sum(jacobians**2, axis=(1, 2)), rtol=1e-10)


def test_tanh_jacobian_accepts_the_answer(capsys):
    assert check_tanh_jacobian(reference)
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda codes, kernel: np.sum((codes * (1 - codes)) ** 2 * np.sum(kernel**2, axis=0), axis=-1), "sigmoid"),
        (lambda codes, kernel: np.sum((1 - codes**2) * np.sum(kernel**2, axis=0), axis=-1), "enters squared"),
        (lambda codes, kernel: float(np.sum(reference(codes, kernel))), "whole batch"),
        (lambda codes, kernel: (1 - codes**2) ** 2 * np.sum(kernel**2, axis=0), "shape"),
        (lambda codes, kernel: np.sum((1 - codes**2) ** 2 * np.sum(kernel**2, axis=1)[: codes.shape[1]], axis=-1),
         "summed over its inputs"),
        (lambda codes, kernel: None, "None"),
    ],
)
def test_tanh_jacobian_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_tanh_jacobian(wrong)
    assert says in capsys.readouterr().out


def test_the_square_example_catches_the_wrong_axis(capsys):
    codes, kernel = _tanh_examples()[0]
    assert kernel.shape[0] == kernel.shape[1]
    assert not check_tanh_jacobian(lambda c, k: np.sum((1 - c**2) ** 2 * np.sum(k**2, axis=1), axis=-1))
    assert "summed over its inputs" in capsys.readouterr().out

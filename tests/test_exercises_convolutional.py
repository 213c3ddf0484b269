import math

import pytest

from utils.exercises.convolutional import check_conv_output_side, check_receptive_field


def reference_side(size, kernel, stride, padding):
    return (size - kernel) // stride + 1 if padding == "valid" else math.ceil(size / stride)


def test_conv_output_side_accepts_the_answer(capsys):
    assert check_conv_output_side(reference_side)
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda n, k, s, p: (n - k) // s if p == "valid" else math.ceil(n / s), "+1"),
        (lambda n, k, s, p: math.ceil((n - k) / s) + 1 if p == "valid" else math.ceil(n / s), "round down"),
        (lambda n, k, s, p: (n - k) // s + 1 if p == "valid" else n // s, "round up"),
        (lambda n, k, s, p: (n - k) // s + 1 if p == "valid" else n, "stride still divides"),
        (lambda n, k, s, p: (n - k) // s + 1, "Keras gives"),
        (lambda n, k, s, p: None, "None"),
    ],
)
def test_conv_output_side_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_conv_output_side(wrong)
    assert says in capsys.readouterr().out


def reference_field(kernels_and_strides):
    field, jump = 1, 1
    for kernel, stride in kernels_and_strides:
        field += (kernel - 1) * jump
        jump *= stride
    return field


def jump_first(kernels_and_strides):
    field, jump = 1, 1
    for kernel, stride in kernels_and_strides:
        jump *= stride
        field += (kernel - 1) * jump
    return field


def test_receptive_field_accepts_the_answer(capsys):
    assert check_receptive_field(reference_field)
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda layers: sum(k for k, _ in layers) - len(layers) + 1, "ignores the strides"),
        (jump_first, "own stride"),
        (lambda layers: math.prod(k for k, _ in layers), "expected"),
        (lambda layers: None, "None"),
    ],
)
def test_receptive_field_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_receptive_field(wrong)
    assert says in capsys.readouterr().out

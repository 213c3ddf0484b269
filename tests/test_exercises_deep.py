import numpy as np
import pytest

from utils.exercises.deep import check_summed_squared_error, check_tied_parameter_count


def test_summed_squared_error_accepts_the_answer(capsys):
    assert check_summed_squared_error(lambda a, b: np.mean(np.sum((a - b) ** 2, axis=1)))
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda a, b: np.mean((a - b) ** 2), "per-pixel"),
        (lambda a, b: np.sum((a - b) ** 2), "total over all images"),
        (lambda a, b: np.sum((a - b) ** 2, axis=1), "shape"),
        (lambda a, b: np.mean(np.sum(np.abs(a - b), axis=1)), "expected"),
        (lambda a, b: None, "None"),
        (None, "expected a function"),
    ],
)
def test_summed_squared_error_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_summed_squared_error(wrong)
    assert says in capsys.readouterr().out


def test_tied_parameter_count(capsys):
    kernels = 784 * 1000 + 1000 * 500 + 500 * 250 + 250 * 30
    encoder_biases, decoder_biases = 1000 + 500 + 250 + 30, 250 + 500 + 1000 + 784
    assert check_tied_parameter_count(kernels + encoder_biases + decoder_biases)
    assert "1,420,814" in capsys.readouterr().out
    assert not check_tied_parameter_count(2 * kernels + encoder_biases + decoder_biases)
    assert "untied" in capsys.readouterr().out
    assert not check_tied_parameter_count(kernels + encoder_biases)
    assert "decoder's biases" in capsys.readouterr().out
    assert not check_tied_parameter_count(None)
    assert check_tied_parameter_count(2 * 3 + 3 + 2, input_size=2, hidden_units=(), code_size=3)
    with pytest.raises(ValueError, match="code_size"):
        check_tied_parameter_count(1, code_size=0)

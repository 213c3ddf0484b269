import numpy as np
import pytest

from utils.exercises.recurrent import check_gru_autoencoder, check_lstm_parameters, check_masked_mse
from utils.recurrent import masked_mse, recurrent_autoencoder


def test_lstm_parameters_accepts_the_answer(capsys):
    assert check_lstm_parameters(4 * (32 * (3 + 32) + 32))
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [(4 * 32 * 35, "biases are missing"), (32 * 35 + 32, "one block"), (4 * (32 * 3 + 32), "recurrent kernel"),
     (3 * (32 * 35 + 64), "GRU"), (4000, "count the four blocks"), (None, "None")],
)
def test_lstm_parameters_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_lstm_parameters(wrong)
    assert says in capsys.readouterr().out


def reference_masked_mse(targets, reconstructions, step_mask):
    step_errors = np.mean((targets - reconstructions) ** 2, axis=-1)
    return np.sum(step_errors * step_mask) / np.sum(step_mask)


def test_masked_mse_accepts_the_answer_and_the_utils_function(capsys):
    assert check_masked_mse(reference_masked_mse)
    assert check_masked_mse(lambda *args: float(masked_mse(*args)))
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda t, r, m: np.sum(np.mean((t - r) ** 2, axis=-1) * m) / m.size, "step_mask.size"),
        (lambda t, r, m: np.mean((t - r) ** 2), "not used"),
        (lambda t, r, m: np.sum(np.sum((t - r) ** 2, axis=-1) * m) / np.sum(m), "summed over the features"),
        (lambda t, r, m: np.mean((t - r) ** 2, axis=-1) * m, "one number"),
        (lambda t, r, m: None, "None"),
    ],
)
def test_masked_mse_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_masked_mse(wrong)
    assert says in capsys.readouterr().out


def test_gru_autoencoder_accepts_the_answer(capsys):
    model = recurrent_autoencoder(20, features=1, code_size=16, units=32, cell="gru", masking=True)[2]
    assert check_gru_autoencoder(model, timesteps=20)
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "kwargs, says",
    [({"cell": "lstm"}, "LSTM"), ({"masking": False}, "Masking"), ({"units": 64}, "asks for 32"),
     ({"code_size": 32}, "narrowest")],
)
def test_gru_autoencoder_rejects_plausible_mistakes(kwargs, says, capsys):
    settings = {"features": 1, "code_size": 16, "units": 32, "cell": "gru", "masking": True} | kwargs
    assert not check_gru_autoencoder(recurrent_autoencoder(20, **settings)[2], timesteps=20)
    assert says in capsys.readouterr().out

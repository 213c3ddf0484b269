import math

import numpy as np
import pytest

from utils.exercises.variational import check_kl_answer, check_log_mean_exp, check_warmup_beta

KL = 0.5 * ((1 + 1 - 1 - 0) + (4 + 0 - 1 - math.log(4)))


def test_check_kl_answer(capsys):
    assert check_kl_answer(KL)
    assert "✅" in capsys.readouterr().out
    assert not check_kl_answer(None)
    assert "still None" in capsys.readouterr().out
    assert not check_kl_answer(2 * KL)
    assert "½" in capsys.readouterr().out
    assert not check_kl_answer(0.5 * ((1 + 1 - 1 - 0) + (4 + 0 - 1 - math.log10(4))))
    assert "natural log" in capsys.readouterr().out
    assert not check_kl_answer(0.5 * ((1 + 1 - 1 - 0) + (2 + 0 - 1 - math.log(2))))
    assert "variances" in capsys.readouterr().out
    assert not check_kl_answer(KL / 2)                                       # the mean over dimensions
    assert "sum" in capsys.readouterr().out
    assert not check_kl_answer(0.5)                                          # the first dimension only
    assert "first dimension" in capsys.readouterr().out
    assert not check_kl_answer([0.5, 0.8])
    assert "one number" in capsys.readouterr().out
    assert not check_kl_answer(3.0)


def stable(log_weights):
    top = np.max(log_weights, axis=0)
    return top + np.log(np.mean(np.exp(log_weights - top), axis=0))


def test_check_log_mean_exp(capsys):
    assert check_log_mean_exp(stable)
    assert "✅" in capsys.readouterr().out
    assert not check_log_mean_exp(None)
    assert not check_log_mean_exp(lambda w: None)
    assert "None" in capsys.readouterr().out
    assert not check_log_mean_exp(lambda w: np.log(np.mean(np.exp(w), axis=0)))   # the naive formula underflows
    assert "underflow" in capsys.readouterr().out
    assert not check_log_mean_exp(lambda w: stable(w) + math.log(len(w)))          # log-sum-exp, not log-mean-exp
    assert "log k" in capsys.readouterr().out
    assert not check_log_mean_exp(lambda w: stable(w.T))                           # wrong axis
    assert "shape" in capsys.readouterr().out
    assert not check_log_mean_exp(lambda w: np.max(w, axis=0))                     # the max alone
    assert not check_log_mean_exp(lambda w: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_check_warmup_beta(capsys):
    assert check_warmup_beta(lambda epoch: min(1.0, epoch / 10))
    assert "✅" in capsys.readouterr().out
    assert check_warmup_beta(lambda epoch: min(1.0, epoch / 5), warmup_epochs=5, epochs=12)
    assert not check_warmup_beta(None)
    assert not check_warmup_beta(lambda epoch: None)
    assert "None" in capsys.readouterr().out
    assert not check_warmup_beta(lambda epoch: epoch / 10)                 # never clipped at 1
    assert "clip" in capsys.readouterr().out
    assert not check_warmup_beta(lambda epoch: min(1.0, (epoch + 1) / 10))  # off by one
    assert "epoch 0" in capsys.readouterr().out
    assert not check_warmup_beta(lambda epoch: min(1.0, epoch / 20))        # too slow
    assert "1/10" in capsys.readouterr().out
    with pytest.raises(ValueError):
        check_warmup_beta(lambda epoch: 1.0, warmup_epochs=0)

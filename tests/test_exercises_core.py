import pytest

from utils.blocks import chain, dense_decoder, dense_encoder
from utils.course.backend import load_keras
from utils.exercises.core import check_autoencoder, check_value

keras = load_keras()


def test_check_value(capsys):
    assert check_value(24.5, 24.5, name="the ratio")
    assert "✅" in capsys.readouterr().out
    assert not check_value(None, 24.5)
    assert "still None" in capsys.readouterr().out
    assert not check_value(20, 24.5, hint="784 / 32")
    out = capsys.readouterr().out
    assert "expected 24.5" in out and "784 / 32" in out
    assert not check_value([1, 2], [1, 2, 3])
    assert "shape" in capsys.readouterr().out
    with pytest.raises(ValueError, match="-1"):
        check_value(1, 1, rtol=-1)


def test_check_autoencoder(capsys):
    good = chain(dense_encoder((28, 28), 16, hidden_units=(128,)), dense_decoder(16, (28, 28), hidden_units=(128,)))
    assert check_autoencoder(good, (28, 28), 16)
    assert not check_autoencoder(good, (28, 28), 8)
    assert "16 units" in capsys.readouterr().out.splitlines()[-1]
    flat_out = chain(dense_encoder((28, 28), 16), dense_decoder(16, (784,)))
    assert not check_autoencoder(flat_out, (28, 28), 16)
    assert "(784,)" in capsys.readouterr().out
    assert not check_autoencoder(None, (28, 28), 16)
    with pytest.raises(ValueError, match="'16'"):
        check_autoencoder(good, (28, 28), "16")


def test_verdict_is_truthy_and_silent_in_jupyter(capsys):
    verdict = check_value(1.0, 1.0)
    assert verdict and verdict.ok and "right" in verdict.message
    assert verdict._ipython_display_() is None
    assert "ok=True" in repr(verdict)

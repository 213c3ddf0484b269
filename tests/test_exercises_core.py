import pytest

from utils.blocks import chain, dense_decoder, dense_encoder
from utils.course.backend import load_keras
from utils.exercises.core import all_layers, check_autoencoder, check_value, known_mistake, one_number

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


def test_one_number(capsys):
    assert one_number(2, "x") == (2.0, None)
    assert one_number(__import__("numpy").float32(0.5), "x") == (0.5, None)
    value, failed = one_number(None, "my_x", hint="Hint: sum them.")
    assert value is None and not failed
    assert "my_x is still None" in capsys.readouterr().out and "Hint: sum them." in failed.message
    value, failed = one_number("three", "my_x")
    assert value is None and not failed and "one number, got str" in failed.message
    value, failed = one_number([1.0, 2.0], "my_x")
    assert value is None and not failed


def test_known_mistake(capsys):
    mistakes = {"that is the sum, not the mean.": 10.0, "that is squared.": 6.25}
    assert known_mistake(2.5, mistakes, expected=2.5) is None
    found = known_mistake(10.0 * (1 + 1e-6), mistakes)
    assert not found and found.message == "that is the sum, not the mean."
    assert "sum, not the mean" in capsys.readouterr().out
    assert known_mistake(10.1, mistakes) is None  # outside rtol
    # A mistake that coincides with the right answer on this example is not reported.
    assert known_mistake(6.25, mistakes, expected=6.25) is None
    # Arrays: shapes must agree before values are compared.
    assert not known_mistake([1.0, 2.0], {"swapped.": [1.0, 2.0]})
    assert known_mistake([1.0, 2.0], {"one number.": 1.5}) is None


def test_all_layers_opens_nested_models():
    model = chain(dense_encoder((28, 28), 16, hidden_units=(64,)), dense_decoder(16, (28, 28), hidden_units=(64,)))
    units = [layer.units for layer in all_layers(model) if hasattr(layer, "units")]
    assert units == [64, 16, 64, 784]

import numpy as np
import pytest

from utils.blocks import chain, dense_decoder, dense_encoder
from utils.course.backend import load_keras
from utils.exercises.vanilla import check_deeper_autoencoder, check_mean_image_mse

keras = load_keras()


def images(n, seed):
    """A few blurry stripes patterns with noise: easy to learn, far from their mean image."""
    rng = np.random.default_rng(seed)
    rows = np.linspace(0, 1, 28)
    patterns = np.stack([np.outer(np.sin(np.pi * f * rows) ** 2, np.ones(28)) for f in (1, 2, 3, 4)])
    picks = rng.integers(0, len(patterns), n)
    return np.clip(patterns[picks] + rng.normal(0, 0.02, (n, 28, 28)), 0, 1).astype("float32")


def test_check_mean_image_mse(capsys):
    train, test = images(50, 0), images(20, 1)
    expected = float(np.mean((test - train.mean(axis=0)) ** 2))
    assert check_mean_image_mse(expected, train, test)
    assert "✅" in capsys.readouterr().out
    assert not check_mean_image_mse(None, train, test)
    assert "still None" in capsys.readouterr().out
    assert not check_mean_image_mse(float(np.mean((test - test.mean(axis=0)) ** 2)), train, test)
    assert "*test*" in capsys.readouterr().out
    assert not check_mean_image_mse(expected * 784, train, test)
    assert "summed" in capsys.readouterr().out
    assert not check_mean_image_mse([0.1, 0.2], train, test)
    assert "one number" in capsys.readouterr().out
    with pytest.raises(ValueError, match="shape"):
        check_mean_image_mse(expected, train.reshape(50, -1), test)


def deeper(hidden=(128,), code_activation="relu"):
    encoder = dense_encoder((28, 28), code_size=16, hidden_units=hidden, code_activation=code_activation)
    decoder = dense_decoder(16, output_shape=(28, 28), hidden_units=hidden)
    return chain(encoder, decoder)


@pytest.fixture(scope="module")
def trained_deeper():
    keras.utils.set_random_seed(0)
    model = deeper()
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="mse")
    train = images(128, 2)
    model.fit(train, train, epochs=15, batch_size=16, verbose=0)
    return model


def test_check_deeper_autoencoder_accepts_the_trained_solution(trained_deeper, capsys):
    assert check_deeper_autoencoder(trained_deeper, images(64, 3))
    assert "✅" in capsys.readouterr().out


def test_check_deeper_autoencoder_rejects_wrong_models(capsys):
    held_out = images(64, 3)
    assert not check_deeper_autoencoder(None, held_out)
    assert "None" in capsys.readouterr().out
    assert not check_deeper_autoencoder(deeper(), held_out)  # right architecture, never trained
    assert "trained" in capsys.readouterr().out
    assert not check_deeper_autoencoder(deeper(hidden=()), held_out)  # only the code of 16
    assert "have 16 → 784 units" in capsys.readouterr().out
    assert not check_deeper_autoencoder(deeper(code_activation=None), held_out)  # a linear code
    assert "code layer" in capsys.readouterr().out
    flat_input = keras.Input(shape=(784,))
    assert not check_deeper_autoencoder(keras.Model(flat_input, keras.layers.Dense(784)(flat_input)), held_out)
    assert "(28, 28)" in capsys.readouterr().out
    assert not check_deeper_autoencoder("model", held_out)
    assert "keras.Model" in capsys.readouterr().out

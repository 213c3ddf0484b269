import numpy as np
import pytest

from utils.exercises.denoising import check_masking_denoiser, check_masking_noise, check_psnr


def reference_psnr(clean, restored):
    return 10 * np.log10(1.0 / np.mean((np.asarray(clean, dtype=np.float64) - restored) ** 2))


def test_psnr_accepts_the_answer(capsys):
    assert check_psnr(reference_psnr)
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda clean, restored: np.mean((clean - restored) ** 2), "mean squared error itself"),
        (lambda clean, restored: 10 * np.log10(255**2 / np.mean((clean - restored) ** 2)), "255"),
        (lambda clean, restored: 20 * np.log10(1 / np.mean((clean - restored) ** 2)), "20 · log10"),
        (lambda clean, restored: 10 * np.log(1 / np.mean((clean - restored) ** 2)), "natural logarithm"),
        (lambda clean, restored: 10 * np.log10(1 / np.mean((clean - restored) ** 2, axis=0)), "shape"),
        (lambda clean, restored: None, "None"),
        ("my_psnr", "expected a function"),
    ],
)
def test_psnr_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_psnr(wrong)
    assert says in capsys.readouterr().out


def reference_mask(images, rate, rng):
    return np.where(rng.random(images.shape) < rate, 0.0, images)


def test_masking_noise_accepts_the_answer(capsys):
    assert check_masking_noise(reference_mask)
    assert "✅" in capsys.readouterr().out


def in_place(images, rate, rng):
    images[rng.random(images.shape) < rate] = 0.0
    return images


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda images, rate, rng: np.where(rng.random(images.shape) < 1 - rate, 0.0, images), "fraction to keep"),
        (lambda images, rate, rng: np.where(rng.random(images.shape[1:]) < rate, 0.0, images), "same pixels"),
        (lambda images, rate, rng: np.where(rng.random(images.shape) < rate, 0.0, images / (1 - rate)), "dropout"),
        (lambda images, rate, rng: np.where(np.random.random(images.shape) < rate, 0.0, images), "from `rng`"),
        (in_place, "changed the images"),
        (lambda images, rate, rng: np.where(rng.random(images.shape) < rate / 2, 0.0, images), "should be"),
    ],
)
def test_masking_noise_rejects_plausible_mistakes(wrong, says, capsys):
    assert not check_masking_noise(wrong)
    assert says in capsys.readouterr().out


def build(code_size=64, noise=True, rate=0.3):
    import keras

    from utils.blocks import dense_decoder, dense_encoder
    from utils.noise import MaskingNoise

    inputs = keras.Input((28, 28))
    corrupted = MaskingNoise(rate)(inputs) if noise else inputs
    encoder = dense_encoder((28, 28), code_size=code_size, hidden_units=(256,), code_activation="relu")
    decoder = dense_decoder(code_size, (28, 28), hidden_units=(256,))
    return keras.Model(inputs, decoder(encoder(corrupted)))


def test_masking_denoiser_accepts_the_answer(capsys):
    assert check_masking_denoiser(build())
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "kwargs, says",
    [({"noise": False}, "no MaskingNoise"), ({"rate": 0.5}, "asks for 0.3"), ({"code_size": 128}, "narrowest")],
)
def test_masking_denoiser_rejects_plausible_mistakes(kwargs, says, capsys):
    assert not check_masking_denoiser(build(**kwargs))
    assert says in capsys.readouterr().out


def test_masking_denoiser_rejects_bad_arguments():
    with pytest.raises(ValueError, match="1.5"):
        check_masking_denoiser(build(), rate=1.5)

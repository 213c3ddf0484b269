import numpy as np
import pytest

from utils.photos import (
    as_float,
    bicubic,
    crop_to_multiple,
    load_sr_luma,
    luma,
    psnr,
    random_patches,
    self_ensemble,
    ssim,
    to_space,
)

# Bicubic ×2, ×3, ×4 on the Y channel, border shaved by the scale: SRCNN (Dong et al., 2014), Table 1 / 2.
PUBLISHED_BICUBIC = {("Set5", 2): 33.66, ("Set5", 3): 30.39, ("Set5", 4): 28.42,
                     ("Set14", 2): 30.23, ("Set14", 3): 27.54, ("Set14", 4): 26.00}


@pytest.mark.parametrize("name", ["Set5", "Set14"])
def test_the_bicubic_protocol_reproduces_the_published_figures(name):
    lumas = load_sr_luma(name)
    for scale in (2, 3, 4):
        scores = []
        for y in lumas.values():
            y = crop_to_multiple(y, scale)
            low = bicubic(y, (y.shape[1] // scale, y.shape[0] // scale), quantize=True)
            scores.append(psnr(y, bicubic(low, (y.shape[1], y.shape[0]), quantize=True), data_range=255,
                               shave=scale))
        assert np.mean(scores) == pytest.approx(PUBLISHED_BICUBIC[name, scale], abs=0.015), (name, scale)


def test_set14_bridge_is_its_own_luma_and_man_is_not():
    lumas = load_sr_luma("Set14")
    assert lumas["bridge"].min() < 16            # raw gray values, not squeezed into [16, 235]
    assert lumas["man"].min() >= 16 and lumas["man"].max() <= 235


def test_luma_follows_bt601():
    black_white = np.array([[[0, 0, 0], [255, 255, 255]]], dtype=np.uint8)
    np.testing.assert_array_equal(luma(black_white), [[16, 235]])
    np.testing.assert_array_equal(luma(black_white, single_channel=True), [[0, 255]])


def test_spaces_and_floats():
    image = np.random.default_rng(0).integers(0, 256, size=(6, 5, 3), dtype=np.uint8)
    assert as_float(image).dtype == np.float32 and as_float(image).max() <= 1.0
    assert to_space(image, "gray").shape == (6, 5, 1)
    assert to_space(image, "y").shape == (6, 5, 1)
    lab = to_space(image, "lab")
    assert lab.shape == (6, 5, 3) and 0 <= lab[..., 0].min() and lab[..., 0].max() <= 100


def test_psnr_and_ssim_known_answers():
    reference = np.zeros((10, 10))
    estimate = reference + 0.1
    assert psnr(reference, estimate, data_range=1.0) == pytest.approx(20.0)
    estimate[0, :] = 1.0                          # a ruined border row, shaved away
    assert psnr(reference, estimate, data_range=1.0, shave=1) == pytest.approx(20.0)
    assert ssim(reference, reference, data_range=1.0) == pytest.approx(1.0)


def test_bicubic_keeps_a_constant_and_quantizes():
    flat = np.full((9, 12), 100.4)
    np.testing.assert_allclose(bicubic(flat, (4, 3)), 100.4, rtol=1e-6)
    np.testing.assert_array_equal(bicubic(flat, (4, 3), quantize=True), 100.0)
    assert bicubic(np.zeros((9, 12, 3)), (6, 3)).shape == (3, 6, 3)


def test_random_patches_come_from_the_images():
    rng = np.random.default_rng(0)
    images = [np.arange(20 * 30).reshape(20, 30), 1000 + np.arange(8 * 9).reshape(8, 9)]
    patches = random_patches(images, 8, 50, rng)
    assert patches.shape == (50, 8, 8)
    for patch in patches:   # consecutive rows of one image: each row continues the one above
        assert np.all(np.diff(patch[:, 0]) == (30 if patch[0, 0] < 1000 else 9))


@pytest.mark.parametrize("call, shown", [
    (lambda: to_space(np.zeros((4, 4, 3), np.uint8), "hsv"), "hsv"),
    (lambda: psnr(np.zeros((4, 4)), np.zeros((4, 5)), 1.0), r"\(4, 5\)"),
    (lambda: psnr(np.zeros((4, 4)), np.zeros((4, 4)), 1.0, shave=2), "shave=2"),
    (lambda: psnr(np.zeros((4, 4)), np.zeros((4, 4)), -1.0), "-1.0"),
    (lambda: random_patches([np.zeros((5, 5))], 8, 1, np.random.default_rng(0)), r"\(5, 5\)"),
    (lambda: random_patches([np.zeros((9, 9))], 8, 1, 0), "Generator"),
    (lambda: bicubic(np.zeros((4, 4)), (0, 2)), "got 0"),
    (lambda: luma(np.zeros((4, 4, 3))), "uint8"),
])
def test_bad_arguments_are_named(call, shown):
    with pytest.raises(ValueError, match=shown):
        call()


def test_self_ensemble_turns_each_output_back_and_averages():
    image = np.arange(12.0).reshape(3, 4)
    np.testing.assert_allclose(self_ensemble(lambda view: view, image), image)   # an equivariant function: unchanged
    # a function that sees only its input's top-left pixel, written at the top-left of its output: each view's
    # top-left is one of the image's corners, turned back to that corner, so every corner gets 2 of the 8 views
    def corner(view):
        output = np.zeros_like(view)
        output[0, 0] = view[0, 0]
        return output
    expected = np.zeros_like(image)
    for row, column in ((0, 0), (0, -1), (-1, 0), (-1, -1)):
        expected[row, column] = image[row, column] * 2 / 8
    np.testing.assert_allclose(self_ensemble(corner, image), expected)
    upscaled = self_ensemble(lambda low, high: np.kron(low, np.ones((2, 2))) + high, image, np.ones((6, 8)))
    np.testing.assert_allclose(upscaled, np.kron(image, np.ones((2, 2))) + 1)     # two inputs turned alike
    with pytest.raises(ValueError, match=r"\(3,\)"):
        self_ensemble(lambda view: view, np.zeros(3))

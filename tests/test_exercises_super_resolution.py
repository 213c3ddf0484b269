import numpy as np
import pytest
from skimage.metrics import peak_signal_noise_ratio

from utils.exercises.super_resolution import check_benchmark_psnr, check_pixel_shuffle


def benchmark_psnr(reference, estimate, scale):
    inner = (slice(scale, -scale), slice(scale, -scale))
    return peak_signal_noise_ratio(reference[inner], estimate[inner], data_range=255)


def benchmark_psnr_by_hand(reference, estimate, scale):
    error = (reference - estimate)[scale:reference.shape[0] - scale, scale:reference.shape[1] - scale]
    return 20 * np.log10(255) - 10 * np.log10(np.mean(error**2))


def whole_image_psnr(reference, estimate, scale):
    return peak_signal_noise_ratio(reference, estimate, data_range=255)


def unit_range_psnr(reference, estimate, scale):
    inner = (slice(scale, -scale), slice(scale, -scale))
    return peak_signal_noise_ratio(reference[inner], estimate[inner], data_range=1)


def top_left_shave_psnr(reference, estimate, scale):
    return peak_signal_noise_ratio(reference[scale:, scale:], estimate[scale:, scale:], data_range=255)


def one_pixel_shave_psnr(reference, estimate, scale):
    return benchmark_psnr(reference, estimate, 1)


@pytest.mark.parametrize("answer", [benchmark_psnr, benchmark_psnr_by_hand])
def test_benchmark_psnr_accepts_the_answer(answer):
    assert check_benchmark_psnr(answer)


@pytest.mark.parametrize("wrong, words", [(whole_image_psnr, "whole image"), (unit_range_psnr, "data range of 1"),
                                          (top_left_shave_psnr, "only the top and left"),
                                          (one_pixel_shave_psnr, "one pixel")])
def test_benchmark_psnr_names_the_mistake(wrong, words, capsys):
    assert not check_benchmark_psnr(wrong)
    assert words in capsys.readouterr().out


def test_benchmark_psnr_rejects_unknown_wrong_answers_and_non_functions():
    assert not check_benchmark_psnr(lambda reference, estimate, scale: 30.0)
    assert not check_benchmark_psnr(None)
    assert not check_benchmark_psnr(lambda reference, estimate, scale: None)


def pixel_shuffle(features, scale):
    height, width, depth = features.shape
    channels = depth // scale**2
    blocks = features.reshape(height, width, scale, scale, channels).transpose(0, 2, 1, 3, 4)
    return blocks.reshape(height * scale, width * scale, channels)


def pixel_shuffle_by_loops(features, scale):
    height, width, depth = features.shape
    channels = depth // scale**2
    out = np.zeros((height * scale, width * scale, channels))
    for i in range(scale):
        for j in range(scale):
            for c in range(channels):
                out[i::scale, j::scale, c] = features[:, :, (i * scale + j) * channels + c]
    return out


def pixel_shuffle_with_tensorflow(features, scale):
    import tensorflow as tf

    return tf.nn.depth_to_space(features[None], scale)[0].numpy()


def plain_reshape(features, scale):
    height, width, depth = features.shape
    return features.reshape(height * scale, width * scale, depth // scale**2)


def torch_order(features, scale):
    height, width, depth = features.shape
    channels = depth // scale**2
    blocks = features.reshape(height, width, channels, scale, scale).transpose(0, 3, 1, 4, 2)
    return blocks.reshape(height * scale, width * scale, channels)


def swapped_block(features, scale):
    height, width, depth = features.shape
    channels = depth // scale**2
    blocks = features.reshape(height, width, scale, scale, channels).transpose(0, 3, 1, 2, 4)
    return blocks.reshape(height * scale, width * scale, channels)


@pytest.mark.parametrize("answer", [pixel_shuffle, pixel_shuffle_by_loops, pixel_shuffle_with_tensorflow])
def test_pixel_shuffle_accepts_the_answer(answer):
    assert check_pixel_shuffle(answer)


@pytest.mark.parametrize("wrong, words", [(plain_reshape, "without moving the axes"), (torch_order, "PyTorch"),
                                          (swapped_block, "swaps rows and columns")])
def test_pixel_shuffle_names_the_mistake(wrong, words, capsys):
    assert not check_pixel_shuffle(wrong)
    assert words in capsys.readouterr().out


def test_pixel_shuffle_rejects_wrong_shapes_and_non_functions():
    assert not check_pixel_shuffle(lambda features, scale: features)
    assert not check_pixel_shuffle("pixel_shuffle")

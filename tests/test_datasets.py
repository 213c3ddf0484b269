"""Every loader against the offline course data: shapes, dtypes, label counts."""

import numpy as np
import pytest

from utils import datasets

MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


@pytest.mark.parametrize("loader, train_counts, test_counts", [
    (datasets.load_mnist, MNIST_TRAIN_COUNTS, MNIST_TEST_COUNTS),
    (datasets.load_fashion_mnist, [6000] * 10, [1000] * 10),
])
def test_idx_loaders(data_dir, loader, train_counts, test_counts):
    (x_train, y_train), (x_test, y_test) = loader()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == x_test.dtype == y_train.dtype == np.uint8
    assert x_train.max() == 255 and x_train.min() == 0
    assert np.bincount(y_train).tolist() == train_counts
    assert np.bincount(y_test).tolist() == test_counts


def test_mnist_train_mean_pixel(data_dir):
    (x_train, _), _ = datasets.load_mnist()
    assert x_train.mean() == pytest.approx(33.318, abs=1e-3)


def test_fashion_mnist_class_names():
    assert len(datasets.FASHION_MNIST_CLASSES) == 10 and datasets.FASHION_MNIST_CLASSES[9] == "Ankle boot"


def test_ecg5000(data_dir):
    beats, is_normal = datasets.load_ecg5000()
    assert beats.shape == (4998, 140) and beats.dtype == np.float32
    assert is_normal.dtype == bool and is_normal.sum() == 2919
    train_beats, classes = datasets.load_ecg5000_ucr_train()
    assert train_beats.shape == (500, 140)
    assert np.bincount(classes).tolist() == [0, 292, 177, 10, 19, 2]
    np.testing.assert_array_equal(train_beats, beats[:500])
    np.testing.assert_array_equal(classes == 1, is_normal[:500])


@pytest.mark.parametrize("name, rows, windows", [
    ("artificialNoAnomaly/art_daily_small_noise", 4032, 0),
    ("artificialWithAnomaly/art_daily_jumpsup", 4032, 1),
    ("realKnownCause/machine_temperature_system_failure", 22695, 4),
    ("realKnownCause/ambient_temperature_system_failure", 7267, 2),
    ("realKnownCause/nyc_taxi", 10320, 5),
])
def test_nab(data_dir, name, rows, windows):
    timestamps, values = datasets.load_nab_series(name)
    assert timestamps.shape == values.shape == (rows,)
    assert timestamps.dtype == np.dtype("datetime64[s]") and values.dtype == np.float64
    backward_steps = np.flatnonzero(np.diff(timestamps) <= np.timedelta64(0, "s"))
    # The raw file has one clock jump back by 55 minutes (index 10148); the loader keeps the data as published.
    assert backward_steps.tolist() == ([10148] if name.startswith("realKnownCause/machine") else [])
    label_windows = datasets.load_nab_windows(name)
    assert label_windows.shape == (windows, 2)
    assert (label_windows[:, 0] < label_windows[:, 1]).all()
    if windows:
        assert timestamps[0] <= label_windows.min() and label_windows.max() <= timestamps[-1]
    points = datasets.load_nab_labels(name)
    assert points.shape == (windows,)
    assert ((label_windows[:, 0] <= points) & (points <= label_windows[:, 1])).all()  # each point in its window


def test_nab_rejects_unknown_series():
    with pytest.raises(ValueError, match="art_nope"):
        datasets.load_nab_series("art_nope")


@pytest.mark.parametrize("split, rows, normal, n_labels", [("train20", 25192, 13449, 22), ("test", 22544, 9711, 38)])
def test_nsl_kdd(data_dir, split, rows, normal, n_labels):
    table = datasets.load_nsl_kdd(split)
    assert table.shape == (rows, 43)
    assert list(table.columns) == list(datasets.NSL_KDD_COLUMNS)
    assert (table["label"] == "normal").sum() == normal
    assert table["label"].nunique() == n_labels
    assert table["difficulty"].between(0, 21).all()
    assert set(table["protocol_type"]) == {"tcp", "udp", "icmp"}
    with pytest.raises(ValueError, match="train_full"):
        datasets.load_nsl_kdd("train_full")


def test_creditcard(data_dir):
    table = datasets.load_creditcard()
    assert table.shape == (284807, 31)
    assert table["Class"].value_counts().to_dict() == {0: 284315, 1: 492}
    assert table["Amount"].sum() == pytest.approx(25162590.01, abs=0.01)


def test_kodak(data_dir):
    images = datasets.load_kodak()
    assert len(images) == 24
    assert sorted({image.shape for image in images}) == [(512, 768, 3), (768, 512, 3)]
    assert all(image.dtype == np.uint8 for image in images)


@pytest.mark.parametrize("split, count", [("train", 200), ("test", 100)])
def test_bsds300(data_dir, split, count):
    images = datasets.load_bsds300(split)
    assert len(images) == count
    assert {image.shape for image in images} == {(321, 481, 3), (481, 321, 3)}
    with pytest.raises(ValueError, match="validation"):
        datasets.load_bsds300("validation")


def test_set5_and_set14(data_dir):
    set5, set14 = datasets.load_set5(), datasets.load_set14()
    assert sorted(set5) == ["baby", "bird", "butterfly", "head", "woman"]
    assert set5["baby"].shape == (512, 512, 3) and set5["woman"].shape == (344, 228, 3)
    assert len(set14) == 14 and set14["comic"].shape == (361, 250, 3)
    assert set14["bridge"].shape == (512, 512, 3)  # stored gray, returned as RGB
    assert (set14["bridge"][..., 0] == set14["bridge"][..., 2]).all()
    assert set(datasets.SET14_NOT_FOR_DISPLAY) <= set(set14)


def test_fashion_mnist_splits_are_fixed_scaled_and_apart(data_dir):
    splits = datasets.load_fashion_mnist_splits()
    assert splits.train_images.shape == (54_000, 28, 28) and splits.validation_images.shape == (6_000, 28, 28)
    assert splits.test_images.shape == (10_000, 28, 28) and splits.train_images.dtype == np.float32
    assert 0.0 <= splits.train_images.min() and splits.train_images.max() <= 1.0
    small = datasets.load_fashion_mnist_splits(n_train=100, n_test=50)
    assert len(small.train_images) == 100 and len(small.test_labels) == 50
    assert np.array_equal(small.validation_images, splits.validation_images)  # validation never depends on n_train
    (raw_train, _), _ = datasets.load_fashion_mnist()
    assert np.array_equal(splits.validation_images[0] * 255, raw_train[54_000])
    with pytest.raises(ValueError, match="60000"):
        datasets.load_mnist_splits(n_train=60_000)
    with pytest.raises(ValueError, match="n_test"):
        datasets.load_mnist_splits(n_test=0)


def test_ecg5000_splits_train_on_normal_beats_only(data_dir):
    beats = datasets.load_ecg5000_splits()
    assert beats.train.shape[1:] == (140, 1) and beats.train.dtype == np.float32
    assert abs(float(beats.train.mean())) < 1e-4 and abs(float(beats.train.std()) - 1.0) < 1e-4
    sizes = [len(part) for part in (beats.train, beats.validation_normal, beats.validation_abnormal,
                                    beats.test_normal, beats.test_abnormal)]
    assert sum(sizes) < 4498 and min(sizes) > 100  # the abnormal training beats are left out
    assert len(beats.ucr_beats) == 500 and set(np.unique(beats.ucr_classes)) == {1, 2, 3, 4, 5}
    assert len(datasets.load_ecg5000_splits(max_train=300).train) == 300

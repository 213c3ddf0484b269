"""One loader per dataset of the course.

Each loader fetches its files through `utils.datafiles` (verified by sha256, downloaded once if missing) and returns
NumPy arrays; the two tabular datasets (NSL-KDD, credit-card fraud) come as pandas DataFrames, because their column
names and categorical columns are part of the lesson. `load_*` gives the files as published (images uint8 in
[0, 255]); `load_*_splits` gives what a notebook trains on: fixed train / validation / test splits, scaled, with the
split sizes in one place (`VALIDATION_SIZE`, `ECG5000_SPLIT`).
"""

import gzip
import json
from typing import NamedTuple

import numpy as np

from utils import validation
from utils.datafiles import fetch, fetch_any, registry

VALIDATION_SIZE = 6_000  # MNIST and Fashion-MNIST: the last 6,000 training images are the validation split
ECG5000_SPLIT = {"train": 0.7, "validation": 0.1, "seed": 0}  # of the 4,498 beats outside the UCR training rows

FASHION_MNIST_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
NAB_SERIES = (
    "artificialNoAnomaly/art_daily_small_noise",
    "artificialWithAnomaly/art_daily_jumpsup",
    "realKnownCause/machine_temperature_system_failure",
    "realKnownCause/ambient_temperature_system_failure",
    "realKnownCause/nyc_taxi",
)
NSL_KDD_COLUMNS = (
    "duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "land", "wrong_fragment", "urgent",
    "hot", "num_failed_logins", "logged_in", "num_compromised", "root_shell", "su_attempted", "num_root",
    "num_file_creations", "num_shells", "num_access_files", "num_outbound_cmds", "is_host_login", "is_guest_login",
    "count", "srv_count", "serror_rate", "srv_serror_rate", "rerror_rate", "srv_rerror_rate", "same_srv_rate",
    "diff_srv_rate", "srv_diff_host_rate", "dst_host_count", "dst_host_srv_count", "dst_host_same_srv_rate",
    "dst_host_diff_srv_rate", "dst_host_same_src_port_rate", "dst_host_srv_diff_host_rate", "dst_host_serror_rate",
    "dst_host_srv_serror_rate", "dst_host_rerror_rate", "dst_host_srv_rerror_rate", "label", "difficulty",
)
NSL_KDD_SPLITS = {"train20": "nsl-kdd/KDDTrain+_20Percent.txt", "test": "nsl-kdd/KDDTest+.txt"}
SET14_NOT_FOR_DISPLAY = ("lenna",)


def _read_idx(path):
    """Decode a gzipped IDX file (the MNIST format) into a uint8 array."""
    with gzip.open(path, "rb") as handle:
        data = handle.read()
    magic = int.from_bytes(data[0:4], "big")
    if magic >> 8 != 0x08:
        raise ValueError(f"{path} is not an unsigned-byte IDX file (magic number {magic:#x}).")
    n_dims = magic & 0xFF
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(n_dims))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * n_dims).reshape(shape)


def _load_idx_dataset(folder):
    files = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    x_train, y_train, x_test, y_test = (_read_idx(fetch(f"{folder}/{name}")) for name in files)
    return (x_train, y_train), (x_test, y_test)


def load_mnist():
    """MNIST digits: `(x_train, y_train), (x_test, y_test)`, images uint8 (n, 28, 28), labels uint8 0–9."""
    return _load_idx_dataset("mnist")


def load_fashion_mnist():
    """Fashion-MNIST: `(x_train, y_train), (x_test, y_test)` as for MNIST; names in `FASHION_MNIST_CLASSES`."""
    return _load_idx_dataset("fashion-mnist")


class ImageSplits(NamedTuple):
    """Train / validation / test images (float32 in [0, 1], (n, 28, 28)) and their labels (uint8)."""

    train_images: np.ndarray
    train_labels: np.ndarray
    validation_images: np.ndarray
    validation_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray


def _optional_count(value, name):
    return None if value is None else validation.positive_int(value, name)


def _image_splits(loader, n_train, n_validation, n_test):
    n_train, n_validation, n_test = (_optional_count(value, name) for value, name in
                                     ((n_train, "n_train"), (n_validation, "n_validation"), (n_test, "n_test")))
    (train_images, train_labels), (test_images, test_labels) = loader()
    cut = len(train_images) - VALIDATION_SIZE
    if n_train is not None and n_train > cut:
        raise ValueError(f"n_train={n_train} exceeds the {cut} training images outside the validation split.")

    def scaled(images):
        return images.astype("float32") / 255.0

    return ImageSplits(scaled(train_images[:cut][:n_train]), train_labels[:cut][:n_train],
                       scaled(train_images[cut:][:n_validation]), train_labels[cut:][:n_validation],
                       scaled(test_images[:n_test]), test_labels[:n_test])


def load_mnist_splits(n_train=None, n_validation=None, n_test=None):
    """MNIST as `ImageSplits`: 54,000 train, the last `VALIDATION_SIZE` (6,000) training images as validation, and
    the 10,000 test images, scaled to [0, 1]. `n_*` keep only the first n of a split (`None`: all of it); the
    validation images never depend on `n_train`.
    """
    return _image_splits(load_mnist, n_train, n_validation, n_test)


def load_fashion_mnist_splits(n_train=None, n_validation=None, n_test=None):
    """Fashion-MNIST as `ImageSplits`, split and scaled as `load_mnist_splits` does."""
    return _image_splits(load_fashion_mnist, n_train, n_validation, n_test)


def load_ecg5000():
    """ECG5000 heartbeats as the TensorFlow tutorial ships them (`ecg.csv`).

    Returns `(beats, is_normal)`: beats float32 (4998, 140); is_normal bool (4998,), True for 2919 normal beats.
    Rows 0–499 are the UCR training split (see `load_ecg5000_ucr_train` for its five classes).
    """
    table = np.loadtxt(fetch("ecg5000/ecg.csv"), delimiter=",", dtype=np.float64)
    return table[:, :-1].astype(np.float32), table[:, -1] == 1.0


def load_ecg5000_ucr_train():
    """The UCR ECG5000 training split: `(beats, classes)`; beats float32 (500, 140), classes int 1–5 (1 = normal)."""
    table = np.loadtxt(fetch("ecg5000/ECG5000_TRAIN.txt"), dtype=np.float64)
    return table[:, 1:].astype(np.float32), table[:, 0].astype(np.int64)


class BeatSplits(NamedTuple):
    """ECG5000 beats standardized with the training beats' mean and std, shape (n, 140, 1), float32.

    Training uses normal beats only; validation and test keep both kinds apart. The 500 UCR training rows are set
    aside with their five classes (1 = normal).
    """

    train: np.ndarray
    validation_normal: np.ndarray
    validation_abnormal: np.ndarray
    test_normal: np.ndarray
    test_abnormal: np.ndarray
    ucr_beats: np.ndarray
    ucr_classes: np.ndarray
    mean: float
    std: float


def load_ecg5000_splits(max_train=None):
    """ECG5000 for an autoencoder of normal beats, as `BeatSplits`.

    The 4,498 beats outside the UCR training rows are shuffled once (seed `ECG5000_SPLIT["seed"]`) and cut 70 / 10 /
    20 % into train / validation / test; only the normal beats of the training part are kept (the first `max_train`
    of them, `None`: all 1,999 or so), and their mean and std standardize every split.
    """
    max_train = _optional_count(max_train, "max_train")
    beats, is_normal = load_ecg5000()
    ucr_beats, ucr_classes = load_ecg5000_ucr_train()
    if not np.array_equal(beats[:500], ucr_beats):
        raise ValueError("ecg.csv's first 500 rows should be the UCR training split; the files do not match.")
    shuffled = np.random.default_rng(ECG5000_SPLIT["seed"]).permutation(np.arange(500, len(beats)))
    n_train = int(ECG5000_SPLIT["train"] * len(shuffled))
    n_validation = int(ECG5000_SPLIT["validation"] * len(shuffled))
    train_rows = shuffled[:n_train]
    validation_rows = shuffled[n_train:n_train + n_validation]
    test_rows = shuffled[n_train + n_validation:]
    train_rows = train_rows[is_normal[train_rows]][:max_train]
    mean, std = float(beats[train_rows].mean()), float(beats[train_rows].std())

    def standardized(rows_or_beats):
        return ((rows_or_beats - mean) / std)[..., None].astype("float32")

    def part(rows, normal):
        return standardized(beats[rows[is_normal[rows] == normal]])

    return BeatSplits(standardized(beats[train_rows]), part(validation_rows, True), part(validation_rows, False),
                      part(test_rows, True), part(test_rows, False), standardized(ucr_beats), ucr_classes, mean, std)


def _check_nab_name(name):
    if name not in NAB_SERIES:
        raise ValueError(f"Unknown NAB series {name!r}; choose one of {NAB_SERIES}.")


def load_nab_series(name):
    """One NAB series: `(timestamps, values)`, datetime64[s] and float64 arrays. `name` is one of `NAB_SERIES`.

    The data are returned as published. Note that machine_temperature_system_failure's clock jumps back by 55
    minutes once (after row 10148): sort or window with care.
    """
    _check_nab_name(name)
    rows = np.genfromtxt(fetch(f"nab/data/{name}.csv"), delimiter=",", skip_header=1, dtype=str)
    return rows[:, 0].astype("datetime64[s]"), rows[:, 1].astype(np.float64)


def load_nab_windows(name):
    """NAB's labelled anomaly windows for one series: datetime64[s] array of shape (n_windows, 2), [start, end]."""
    _check_nab_name(name)
    with open(fetch("nab/labels/combined_windows.json")) as handle:
        windows = json.load(handle)[f"{name}.csv"]
    stamps = [[start.replace(" ", "T")[:19], end.replace(" ", "T")[:19]] for start, end in windows]
    return np.array(stamps, dtype="datetime64[s]").reshape(-1, 2)


def load_nab_labels(name):
    """NAB's labelled anomaly points for one series (the failure times inside the windows of `load_nab_windows`):
    datetime64[s] array of shape (n_windows,), in time order; used for the lead time of a detector's first alarm."""
    _check_nab_name(name)
    with open(fetch("nab/labels/combined_labels.json")) as handle:
        points = json.load(handle)[f"{name}.csv"]
    return np.array(sorted(point.replace(" ", "T")[:19] for point in points), dtype="datetime64[s]")


def load_nsl_kdd(split):
    """NSL-KDD connections as a DataFrame with named columns (41 features, `label`, `difficulty`).

    `split` is `"train20"` (KDDTrain+_20Percent, 25,192 rows) or `"test"` (KDDTest+, 22,544 rows). The full
    KDDTrain+ is not part of the offline data set.
    """
    if split not in NSL_KDD_SPLITS:
        raise ValueError(f"Unknown NSL-KDD split {split!r}; choose one of {tuple(NSL_KDD_SPLITS)}.")
    import pandas as pd

    return pd.read_csv(fetch(NSL_KDD_SPLITS[split]), header=None, names=list(NSL_KDD_COLUMNS))


def load_creditcard():
    """ULB credit-card fraud transactions as a DataFrame (Time, V1–V28, Amount, Class): 284,807 rows, 492 frauds.

    Licence: Open Database License v1.0 (database) and Database Contents License v1.0 (contents), from
    https://www.kaggle.com/datasets/mlg-ulb/creditcardfraud. Cite Dal Pozzolo et al., IEEE CIDM 2015.
    """
    import pandas as pd

    return pd.read_csv(fetch_any("creditcard/creditcard.csv.gz", "creditcard/creditcard.csv"))


def _read_image(path):
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)


def _images_under(prefix):
    return [path for path in sorted(registry()) if path.startswith(prefix)]


def load_kodak():
    """The 24 Kodak photos as a list of uint8 RGB arrays (768×512 or 512×768)."""
    return [_read_image(fetch(path)) for path in _images_under("kodak/")]


def load_bsds300(split):
    """BSDS300 photos of one split (`"train"`: 200, `"test"`: 100) as a list of uint8 RGB arrays (481×321 either way).

    Terms: free for non-commercial research and educational purposes (Martin, Fowlkes, Tal, Malik, ICCV 2001).
    """
    if split not in ("train", "test"):
        raise ValueError(f"Unknown BSDS300 split {split!r}; choose 'train' or 'test'.")
    return [_read_image(fetch(path)) for path in _images_under(f"bsds300/images/{split}/")]


def _load_sr_set(name):
    return {path.rsplit("/", 1)[-1][:-4]: _read_image(fetch(path)) for path in _images_under(f"sr/{name}/")}


def load_set5():
    """Set5 super-resolution benchmark: dict name → uint8 RGB array (baby, bird, butterfly, head, woman)."""
    return _load_sr_set("Set5")


def load_set14():
    """Set14 super-resolution benchmark: dict name → uint8 RGB array (14 images; the gray `bridge` as RGB).

    Keep every image in benchmark numbers, but do not display those in `SET14_NOT_FOR_DISPLAY`.
    """
    return _load_sr_set("Set14")

"""One loader per dataset of the course.

Each loader fetches its files through `utils.datafiles` (verified by sha256, downloaded once if missing) and returns
NumPy arrays; the two tabular datasets (NSL-KDD, credit-card fraud) come as pandas DataFrames, because their column
names and categorical columns are part of the lesson. Images come as uint8 arrays in [0, 255]; scaling is the
notebook's job, where the learner can see it.
"""

import gzip
import json

import numpy as np

from utils.datafiles import fetch, fetch_any, registry

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

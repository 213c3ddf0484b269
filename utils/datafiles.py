"""Where the course's data files live, how they arrive, and how they are checked.

Files live in the *data directory*: `AE_DATA_DIR` when it is set, else the repository's `data/`. Every file the course
uses has a row in `data_files.tsv` (next to this module): its path inside the data directory, its sha256 and its
canonical URL. `fetch(path)` returns a verified local path:

- present and matching its sha256: returned as it is (nothing is written anywhere);
- present but different: `DataFileCorruptError`, naming the file, the expected and the actual sha256;
- missing: downloaded once with `keras.utils.get_file`, then checked; when that cannot work (offline, URL gone),
  `DataFileUnavailableError` names the file, its URL, its sha256 and how to place it by hand.

There is never a silent substitute.
"""

import csv
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT / "data"
REGISTRY_FILE = Path(__file__).with_name("data_files.tsv")
NO_URL = "-"


class DataFileError(RuntimeError):
    """A data file cannot be used; the message says which file and what to do."""


class DataFileCorruptError(DataFileError):
    """A data file is present but its sha256 is not the expected one."""


class DataFileUnavailableError(DataFileError):
    """A data file is missing and could not be downloaded."""


@dataclass(frozen=True)
class DataFile:
    """One file of the data layer: `path` inside the data directory, its `sha256`, its canonical `url`."""

    path: str
    sha256: str
    url: str


@lru_cache(maxsize=1)
def registry():
    """All known data files, as a dict from relative path to `DataFile`."""
    entries = {}
    with open(REGISTRY_FILE, newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            path, sha256, url = row
            entries[path] = DataFile(path, sha256, url)
    return entries


def data_dir():
    """The data directory: `AE_DATA_DIR` if set, else the repository's `data/`."""
    configured = os.environ.get("AE_DATA_DIR", "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DATA_DIR


def sha256_of(path, chunk_size=1 << 20):
    """The sha256 hex digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


_verified = {}


def _is_verified(path, expected):
    """Hash `path` once per process (per size and mtime), and say whether it matches `expected`."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _verified:
        _verified[key] = sha256_of(path)
    return _verified[key] == expected, _verified[key]


def _entry(relative_path):
    entries = registry()
    if relative_path not in entries:
        raise ValueError(f"Unknown data file {relative_path!r}; known files are listed in {REGISTRY_FILE.name}.")
    return entries[relative_path]


def _where(directory):
    source = "AE_DATA_DIR" if os.environ.get("AE_DATA_DIR", "").strip() else "the repository's data/ folder"
    return f"{directory} ({source})"


def _corrupt_message(entry, target, actual, note=""):
    return (
        f"Data file {entry.path!r} at {target} is not the expected file{note}.\n"
        f"  expected sha256: {entry.sha256}\n"
        f"  actual sha256:   {actual}\n"
        f"  canonical URL:   {entry.url if entry.url != NO_URL else '(none; see data/README.md)'}\n"
        "What to do: delete it and run again to download a fresh copy, or put the right file there by hand "
        "(check it with `sha256sum`)."
    )


def fetch(relative_path):
    """Return the verified local path of a data file, downloading it once if it is missing."""
    entry = _entry(relative_path)
    directory = data_dir()
    target = directory / entry.path
    if target.is_file():
        ok, actual = _is_verified(target, entry.sha256)
        if not ok:
            raise DataFileCorruptError(_corrupt_message(entry, target, actual))
        return target
    return _download(entry, directory, target)


def _download(entry, directory, target):
    if entry.url == NO_URL:
        raise DataFileUnavailableError(
            f"Data file {entry.path!r} is not in the data directory {_where(directory)}, and it has no public "
            f"download of these exact bytes.\n  expected sha256: {entry.sha256}\n"
            f"What to do: place the file at {target} by hand (see data/README.md)."
        )
    import keras

    try:
        directory.mkdir(parents=True, exist_ok=True)
        downloaded = keras.utils.get_file(
            fname=target.name,
            origin=entry.url,
            file_hash=entry.sha256,
            hash_algorithm="sha256",
            cache_dir=str(directory),
            cache_subdir=str(Path(entry.path).parent),
        )
    except Exception as error:  # get_file raises plain Exception on network failure
        raise DataFileUnavailableError(
            f"Data file {entry.path!r} is not in the data directory {_where(directory)} and could not be "
            f"downloaded.\n  URL:             {entry.url}\n  expected sha256: {entry.sha256}\n"
            f"  reason:          {type(error).__name__}: {error}\n"
            f"What to do: when online, run again. Offline, download the URL on a machine that is online, check it "
            f"with `sha256sum`, and place it at {target}; or set AE_DATA_DIR to a folder that holds the course's "
            "files laid out as data/README.md describes."
        ) from error
    downloaded = Path(downloaded)
    ok, actual = _is_verified(downloaded, entry.sha256)
    if not ok:
        raise DataFileCorruptError(_corrupt_message(entry, downloaded, actual, " (just downloaded)"))
    return downloaded


def fetch_any(*relative_paths):
    """Return the first of several equivalent files that is present and verified, else fetch the first downloadable.

    Used where one dataset comes in two forms (the credit-card csv, or the same csv gzipped).
    """
    if not relative_paths:
        raise ValueError("fetch_any needs at least one path.")
    directory = data_dir()
    for relative_path in relative_paths:
        if (directory / _entry(relative_path).path).is_file():
            return fetch(relative_path)
    downloadable = [p for p in relative_paths if _entry(p).url != NO_URL]
    return fetch(downloadable[0] if downloadable else relative_paths[0])


def dataset_status():
    """For each dataset folder: how many files it has, how many are present, and how many match their sha256.

    Reads every present file once (about 170 MB in all, a second or two); downloads nothing.
    """
    directory = data_dir()
    status = {}
    for entry in registry().values():
        name = entry.path.split("/")[0]
        row = status.setdefault(name, {"dataset": name, "files": 0, "present": 0, "verified": 0})
        target = directory / entry.path
        if entry.path == "creditcard/creditcard.csv":  # the same data as creditcard.csv.gz: either one will do
            if not target.is_file():
                continue
        row["files"] += 1
        if target.is_file():
            row["present"] += 1
            row["verified"] += int(_is_verified(target, entry.sha256)[0])
    return list(status.values())

"""The data layer: verified files, the corrupted-file error, the offline error, and no writes into AE_DATA_DIR."""

import shutil

import pytest

from utils import datafiles
from utils.datafiles import DataFileCorruptError, DataFileUnavailableError, fetch

SMALL_FILE = "mnist/t10k-labels-idx1-ubyte.gz"


def test_registry_lists_every_dataset_with_sha256_and_url():
    entries = datafiles.registry()
    folders = {path.split("/")[0] for path in entries}
    assert folders == {"mnist", "fashion-mnist", "ecg5000", "nab", "nsl-kdd", "kodak", "bsds300", "sr", "creditcard"}
    assert len(entries) == 366
    for entry in entries.values():
        assert len(entry.sha256) == 64 and int(entry.sha256, 16) >= 0
        assert entry.url.startswith("https://") or entry.url == datafiles.NO_URL


def test_data_dir_defaults_to_repository_data(monkeypatch):
    monkeypatch.delenv("AE_DATA_DIR", raising=False)
    assert datafiles.data_dir() == datafiles.REPO_ROOT / "data"


def test_present_files_verify_and_nothing_is_written(data_dir):
    before = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*"))
    path = fetch(SMALL_FILE)
    assert path == (data_dir / SMALL_FILE).resolve()
    assert datafiles.sha256_of(path) == datafiles.registry()[SMALL_FILE].sha256
    assert sorted(p.relative_to(data_dir) for p in data_dir.rglob("*")) == before


def test_corrupted_file_names_file_and_both_hashes(data_dir, tmp_path, monkeypatch):
    copy = tmp_path / SMALL_FILE
    copy.parent.mkdir(parents=True)
    shutil.copyfile(data_dir / SMALL_FILE, copy)
    content = bytearray(copy.read_bytes())
    content[100] ^= 0xFF
    copy.write_bytes(bytes(content))
    monkeypatch.setenv("AE_DATA_DIR", str(tmp_path))
    with pytest.raises(DataFileCorruptError) as caught:
        fetch(SMALL_FILE)
    message = str(caught.value)
    assert SMALL_FILE in message
    assert datafiles.registry()[SMALL_FILE].sha256 in message
    assert datafiles.sha256_of(copy) in message
    assert "What to do" in message


def test_missing_file_offline_names_file_url_sha256_and_what_to_do(tmp_path, monkeypatch):
    entry = datafiles.registry()[SMALL_FILE]
    unreachable = datafiles.DataFile(entry.path, entry.sha256, "http://127.0.0.1:9/t10k-labels-idx1-ubyte.gz")
    monkeypatch.setitem(datafiles.registry(), SMALL_FILE, unreachable)
    monkeypatch.setenv("AE_DATA_DIR", str(tmp_path))
    with pytest.raises(DataFileUnavailableError) as caught:
        fetch(SMALL_FILE)
    message = str(caught.value)
    for expected in (SMALL_FILE, unreachable.url, entry.sha256, str(tmp_path / SMALL_FILE), "AE_DATA_DIR"):
        assert expected in message
    assert not (tmp_path / SMALL_FILE).exists()


def test_missing_file_without_public_url_says_how_to_place_it(tmp_path, monkeypatch):
    monkeypatch.setenv("AE_DATA_DIR", str(tmp_path))
    with pytest.raises(DataFileUnavailableError, match="creditcard.csv.gz"):
        fetch("creditcard/creditcard.csv.gz")


def test_unknown_file_is_a_value_error():
    with pytest.raises(ValueError, match="no-such/file.bin"):
        fetch("no-such/file.bin")


def test_dataset_status_reports_every_dataset_verified(data_dir):
    status = {row["dataset"]: row for row in datafiles.dataset_status()}
    assert set(status) == {path.split("/")[0] for path in datafiles.registry()}
    assert len(status) == 9
    for row in status.values():
        assert row["files"] == row["present"] == row["verified"] > 0

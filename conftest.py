"""Test configuration: quick mode and quiet TensorFlow for every notebook kernel nbval starts.

This file sits at the repository root so that it applies to notebooks/ as well as tests/.
Environment variables set here, before any kernel starts, reach the kernels (nbval runs them in this environment
with --nbval-current-env). AE_DATA_DIR is left as the caller set it: CI points it at ../shared/datasets.
"""

import os

os.environ["AE_QUICK"] = "1"
os.environ["AE_VERBOSE"] = "2"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("MPLBACKEND", "Agg")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SHARED_DATASETS = Path(__file__).resolve().parent.parent / "shared" / "datasets"


@pytest.fixture
def data_dir(monkeypatch):
    """The offline course data: AE_DATA_DIR when set, else ../shared/datasets beside the repository."""
    configured = os.environ.get("AE_DATA_DIR")
    directory = Path(configured) if configured else SHARED_DATASETS
    if not (directory / "mnist").is_dir():
        pytest.fail(f"The course datasets are not at {directory}: set AE_DATA_DIR (see data/README.md).")
    monkeypatch.setenv("AE_DATA_DIR", str(directory))
    return directory

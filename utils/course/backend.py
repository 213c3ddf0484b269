"""Load Keras on the TensorFlow backend without TensorFlow's C++ start-up banners.

TensorFlow 2.21 prints CUDA and oneDNN notices to the process's stderr while it loads, and Jupyter copies that stderr
into the notebook. `TF_CPP_MIN_LOG_LEVEL` hides them only when it is in the environment before the Python process
starts (as the tests and the stamper do), not when a notebook sets it, so `load_keras` also mutes stderr at the file
descriptor level for the duration of the import. Python errors still surface: an import that fails raises as usual.
"""

import os
import sys


def load_keras(backend="tensorflow"):
    """Import and return `keras` on `backend`, with TensorFlow's start-up notices silenced."""
    if backend not in ("tensorflow", "jax", "torch"):
        raise ValueError(f"backend must be 'tensorflow', 'jax' or 'torch', got {backend!r}.")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    os.environ.setdefault("KERAS_BACKEND", backend)
    if "keras" in sys.modules:
        return sys.modules["keras"]
    sys.stderr.flush()
    saved_stderr = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        if os.environ["KERAS_BACKEND"] == "tensorflow":
            import tensorflow  # noqa: F401  (loads the C++ runtime while stderr is muted)
        import keras
    finally:
        os.dup2(saved_stderr, 2)
        os.close(devnull)
        os.close(saved_stderr)
    return keras

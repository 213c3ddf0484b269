"""Fixtures for the unit tests that must give the same verdict on every Keras backend (TensorFlow, JAX).

A test that checks a closed form against automatic differentiation takes its reference from the backend that Keras
runs on: `tf.GradientTape` on TensorFlow, `jax.jacobian` on JAX. Both references are exact up to float64 rounding,
and JAX computes in float32 unless 64-bit types are switched on, which the `float64` fixture does for one test.
"""

import contextlib

import numpy as np
import pytest

from utils.course.backend import load_keras


def _backend():
    return load_keras().backend.backend()


@contextlib.contextmanager
def _jax_x64():
    import jax

    if hasattr(jax, "enable_x64"):
        context = jax.enable_x64(True)
    else:  # JAX before 0.6 kept the context manager in jax.experimental
        from jax.experimental import enable_x64

        context = enable_x64()
    with context:
        yield


@pytest.fixture
def float64():
    """Float64 arrays stay float64 in `keras.ops` during the test, on JAX as on TensorFlow."""
    with _jax_x64() if _backend() == "jax" else contextlib.nullcontext():
        yield


def _batch_jacobian(function, inputs):
    """The Jacobian of `function` at each row of `inputs`, by the backend's automatic differentiation.

    Args:
        function: maps a (batch, n) tensor to a (batch, m) tensor row by row, written with `keras.ops`.
        inputs: a (batch, n) float64 NumPy array.

    Returns:
        A NumPy array (batch, m, n): entry [b, j, i] is ∂ function(inputs)[b, j] / ∂ inputs[b, i].
    """
    inputs = np.asarray(inputs, dtype="float64")
    backend = _backend()
    if backend == "tensorflow":
        import tensorflow as tf

        inputs = tf.constant(inputs)
        with tf.GradientTape() as tape:
            tape.watch(inputs)
            outputs = function(inputs)
        return tape.batch_jacobian(outputs, inputs).numpy()
    if backend == "jax":
        import jax

        with _jax_x64():
            def one_row(row):
                return function(row[None, :])[0]

            return np.asarray(jax.vmap(jax.jacobian(one_row))(jax.numpy.asarray(inputs)))
    pytest.skip(f"no autodiff reference for the {backend!r} backend in tests/conftest.py (TensorFlow and JAX only)")


@pytest.fixture
def batch_jacobian():
    """`batch_jacobian(function, inputs)`: per-example Jacobians (batch, m, n) from the backend's autodiff."""
    return _batch_jacobian

"""Sparsity penalties on a layer's activations, as Keras regularizers: the KL penalty toward a target rate, and L1.

Both are passed as a layer's `activity_regularizer`, so the layer adds them to the training loss itself::

    codes = keras.layers.Dense(1000, activation="sigmoid", activity_regularizer=KLSparsity(rho=0.05, beta=3.0))(x)

- `KLSparsity(rho, beta)`: with rho_hat_j the mean activation of unit j over the batch (sigmoid units, in (0, 1)),
  the penalty is `beta * sum_j KL(rho || rho_hat_j)`, where
  `KL(rho || rho_hat) = rho log(rho / rho_hat) + (1 - rho) log((1 - rho) / (1 - rho_hat))`
  (Ng, CS294A lecture notes "Sparse autoencoder", 2011). It is zero when every unit's mean equals rho.
- `L1Activity(l1)`: `l1 * mean over the batch of sum_j |a_j|`.

**The batch-size scaling, and why these classes exist.** A `keras.layers.Layer` hands each output to its activity
regularizer and adds the result to `layer.losses`. From Keras 3.14 on (keras-team/keras#22021), `Layer.__call__`
then *divides* that value by the batch size (`ops.divide_no_nan(loss, batch_size)` in `keras/src/layers/layer.py`);
Keras 3.0–3.13 (Colab had 3.13.2 in August 2026) add it undivided. So the same `keras.regularizers.L1(0.01)` is a
penalty 256 times stronger at batch size 256 on Keras 3.13 than on 3.15, and a KL penalty, which is already a
batch-level quantity, would be weakened by the batch size on 3.14+.

These regularizers make what lands in `layer.losses` the same on every Keras 3: exactly `penalty(activations)`, the
quantity written above, whatever the batch size. They find out once (`layer_divides_activity_loss_by_batch`, a tiny
probe layer) whether this Keras divides, and if it does, `__call__` returns `batch_size * penalty(activations)` so
that the division gives back the penalty. Call `penalty(...)` for the value itself; call the regularizer
(`__call__`) only through a layer.
"""

import functools
import math

import keras
from keras import ops

from utils import KERAS_PACKAGE, validation


@functools.cache
def layer_divides_activity_loss_by_batch():
    """True when this Keras's `Layer` divides activity-regularizer losses by the batch size (Keras >= 3.14).

    Measured, not read from the version number: a probe layer with a regularizer that always returns 1 is called
    on a batch of 4, and its recorded loss is 0.25 (divided) or 1 (not divided). Computed once per process.
    """
    probe = keras.layers.Identity(name="activity_scaling_probe")
    probe.activity_regularizer = lambda outputs: ops.sum(outputs) * 0.0 + 1.0
    probe(ops.ones((4, 1)))
    recorded = float(ops.convert_to_numpy(probe.losses[0]))
    if math.isclose(recorded, 0.25):
        return True
    if math.isclose(recorded, 1.0):
        return False
    raise RuntimeError(f"Unexpected activity-regularizer scaling in Keras {keras.version()}: recorded {recorded}.")


class _BatchInvariantActivityRegularizer(keras.regularizers.Regularizer):
    """Base class: `layer.losses` receives `penalty(activations)` on every Keras 3 version (see the module doc)."""

    def __init__(self):
        self._undo_batch_division = layer_divides_activity_loss_by_batch()

    def penalty(self, activations):
        raise NotImplementedError

    def __call__(self, activations):
        value = self.penalty(activations)
        if self._undo_batch_division and len(activations.shape) > 0:
            value = value * ops.cast(ops.shape(activations)[0], value.dtype)
        return value

    @classmethod
    def from_config(cls, config):
        return cls(**config)


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class KLSparsity(_BatchInvariantActivityRegularizer):
    """KL-divergence sparsity penalty `beta * sum_j KL(rho || rho_hat_j)` for activations in (0, 1).

    `rho_hat_j` is the mean activation of unit j over the batch (over every axis but the last, so for a
    convolutional feature map it also averages over positions), clipped into `[eps, 1 - eps]` so that a unit that
    is silent (or saturated) on the whole batch gives a large but finite penalty. Meant for sigmoid units: with
    activations outside (0, 1) the clipped mean hides the problem rather than raising.

    Args:
        rho: the target mean activation of every unit, in (0, 1); sparse codes use 0.01–0.1.
        beta: the penalty's weight, >= 0 (0 switches it off).
        eps: the clipping margin for rho_hat, in (0, min(rho, 1 - rho)).

    Example:
        >>> layer = keras.layers.Dense(100, activation="sigmoid", activity_regularizer=KLSparsity(0.05, 3.0))
    """

    def __init__(self, rho=0.05, beta=1.0, eps=1e-6):
        self.rho = validation.real(rho, "rho", low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)
        self.beta = validation.non_negative_real(beta, "beta")
        self.eps = validation.real(eps, "eps", low=0.0, high=min(self.rho, 1.0 - self.rho), low_inclusive=False,
                                   high_inclusive=False)
        super().__init__()

    def mean_activations(self, activations):
        """rho_hat: the mean of each unit (the last axis) over all other axes, clipped into [eps, 1 - eps]."""
        activations = ops.convert_to_tensor(activations)
        axes = tuple(range(len(activations.shape) - 1))
        return ops.clip(ops.mean(activations, axis=axes), self.eps, 1.0 - self.eps)

    def penalty(self, activations):
        """`beta * sum_j KL(rho || rho_hat_j)`, a scalar: the loss a layer records with this regularizer."""
        rho_hat = self.mean_activations(activations)
        rho = ops.cast(self.rho, rho_hat.dtype)
        divergence = rho * ops.log(rho / rho_hat) + (1.0 - rho) * ops.log((1.0 - rho) / (1.0 - rho_hat))
        return self.beta * ops.sum(divergence)

    def get_config(self):
        return {"rho": self.rho, "beta": self.beta, "eps": self.eps}

    def __repr__(self):
        return f"KLSparsity(rho={self.rho}, beta={self.beta}, eps={self.eps})"


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class L1Activity(_BatchInvariantActivityRegularizer):
    """L1 activity penalty `l1 * mean over the batch of sum_j |a_j|`, the same on every Keras 3 version.

    On Keras >= 3.14 this equals `keras.regularizers.L1(l1)` used as an `activity_regularizer`; on Keras 3.0–3.13
    that one is `batch_size` times larger. (For a feature map, the sum runs over all axes but the batch.)

    Args:
        l1: the penalty's weight, >= 0.
    """

    def __init__(self, l1=0.01):
        self.l1 = validation.non_negative_real(l1, "l1")
        super().__init__()

    def penalty(self, activations):
        """`l1 * sum |a| / batch_size`, a scalar."""
        activations = ops.convert_to_tensor(activations)
        total = ops.sum(ops.abs(activations))
        if len(activations.shape) > 0:
            total = total / ops.cast(ops.shape(activations)[0], total.dtype)
        return self.l1 * total

    def get_config(self):
        return {"l1": self.l1}

    def __repr__(self):
        return f"L1Activity(l1={self.l1})"

"""The contractive penalty: the squared Frobenius norm of the encoder's Jacobian, in closed form.

For a sigmoid dense encoder h = σ(xW + b), with kernel W of shape (inputs, units), the Jacobian of h with respect to
x is diag(h ⊙ (1 − h)) Wᵀ, so

    ‖J_f(x)‖²_F = Σ_j (h_j (1 − h_j))² Σ_i W_ij² .

It costs one pass over the kernel instead of a Jacobian per example. Written with `keras.ops` only, so it runs on
every Keras backend. Notebook 06 derives it and checks it against automatic differentiation.
"""

import keras

from utils import KERAS_PACKAGE, validation

ops = keras.ops


def sigmoid_jacobian_sq_norm(codes, kernel):
    """‖J‖²_F per example for a sigmoid dense encoder: `codes` (batch, units), `kernel` (inputs, units)."""
    if len(codes.shape) != 2 or len(kernel.shape) != 2 or codes.shape[-1] != kernel.shape[-1]:
        raise ValueError(f"Expected codes (batch, units) and kernel (inputs, units), got {tuple(codes.shape)} and "
                         f"{tuple(kernel.shape)}.")
    unit_gain = ops.square(codes * (1.0 - codes))
    kernel_col_sq = ops.sum(ops.square(kernel), axis=0)
    return ops.sum(unit_gain * kernel_col_sq, axis=-1)


@keras.saving.register_keras_serializable(package=KERAS_PACKAGE)
class ContractiveSigmoidDense(keras.layers.Layer):
    """A sigmoid Dense layer that adds `weight` × mean ‖J‖²_F of its own Jacobian to the model's loss.

    Args:
        units: size of the code.
        weight: the penalty weight λ (≥ 0).
    """

    def __init__(self, units, weight=1e-4, **kwargs):
        super().__init__(**kwargs)
        self.units = validation.positive_int(units, "units")
        self.weight = validation.non_negative_real(weight, "weight")

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform",
                                      name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        codes = ops.sigmoid(ops.matmul(inputs, self.kernel) + self.bias)
        if self.weight > 0:
            self.add_loss(self.weight * ops.mean(sigmoid_jacobian_sq_norm(codes, self.kernel)))
        return codes

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "weight": self.weight}

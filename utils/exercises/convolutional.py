"""Checks for the exercises of notebook 07 (convolutional autoencoders).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import math

import numpy as np

from utils.exercises.core import call_learner, verdict

SIDE_EXAMPLES = ((28, 5, 2, "valid"), (28, 3, 2, "same"), (27, 3, 2, "same"), (28, 3, 1, "valid"),
                 (32, 4, 3, "valid"), (7, 3, 2, "same"), (14, 2, 2, "valid"), (10, 4, 3, "same"))


def _keras_output_side(size, kernel, stride, padding):
    """The output side of `Conv2D(1, kernel, strides=stride, padding=padding)` on a size × size image, from Keras."""
    import keras

    layer = keras.layers.Conv2D(1, kernel, strides=stride, padding=padding)
    return int(layer.compute_output_shape((None, size, size, 1))[1])


def check_conv_output_side(candidate):
    """Exercise 1: `candidate(size, kernel, stride, padding)` is the output side of a strided `Conv2D` on a
    size × size input, for `padding` "valid" or "same"."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define conv_output_side and pass its name.")
    for number, (size, kernel, stride, padding) in enumerate(SIDE_EXAMPLES, start=1):
        answer, failed = call_learner(candidate, "conv_output_side", (size, kernel, stride, padding), number)
        if failed is not None:
            return failed
        expected = _keras_output_side(size, kernel, stride, padding)
        if answer.shape != () or answer != expected:
            where = f"for a {size}×{size} input, kernel {kernel}, stride {stride}, padding {padding!r}"
            if padding == "valid" and answer == (size - kernel) // stride:
                return verdict(False, f"{where} you have {answer:g}: count the first position too (+1).")
            if padding == "valid" and answer == math.ceil((size - kernel) / stride) + 1:
                return verdict(False, f"{where} you have {answer:g}: a window that would stick out past the edge "
                                      "is dropped with 'valid', so round down.")
            if padding == "same" and answer == size // stride:
                return verdict(False, f"{where} you have {answer:g}: 'same' pads so that every input position "
                                      "starting a stride gets an output, so round up: ceil(n / s).")
            if padding == "same" and answer == size:
                return verdict(False, f"{where} you have {answer:g}: 'same' keeps the side only at stride 1; the "
                                      "stride still divides it.")
            return verdict(False, f"{where} you have {answer}, Keras gives {expected}.")
    return verdict(True, f"conv_output_side agrees with Keras's Conv2D on {len(SIDE_EXAMPLES)} cases, valid and "
                         "same padding.")


FIELD_EXAMPLES = (((3, 2), (3, 2)), ((3, 1),) * 3, ((5, 2), (3, 2), (3, 1)), ((7, 2), (3, 2), (3, 2), (3, 2)),
                  ((2, 2),))


def _receptive_field(kernels_and_strides):
    field, jump = 1, 1
    for kernel, stride in kernels_and_strides:
        field, jump = field + (kernel - 1) * jump, jump * stride
    return field


def check_receptive_field(candidate):
    """Exercise 2: `candidate(kernels_and_strides)` is the receptive field, in input pixels, of one unit of the last
    of a stack of convolutions given as `(kernel, stride)` pairs, input side first."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define receptive_field and pass its name.")
    for number, layers in enumerate(FIELD_EXAMPLES, start=1):
        answer, failed = call_learner(candidate, "receptive_field", ([tuple(pair) for pair in layers],), number)
        if failed is not None:
            return failed
        expected = _receptive_field(layers)
        if answer.shape == () and answer == expected:
            continue
        stride_too_early, jump = 1, 1  # a common slip: multiplying the jump before widening the field
        for kernel, stride in layers:
            jump *= stride
            stride_too_early += (kernel - 1) * jump
        if answer == sum(kernel for kernel, _ in layers) - len(layers) + 1 and any(s > 1 for _, s in layers[:-1]):
            return verdict(False, f"for {list(layers)} you have {answer:g}, which ignores the strides: after a "
                                  "stride-2 layer, one step of the next kernel spans 2 input pixels.")
        if answer == stride_too_early:
            return verdict(False, f"for {list(layers)} you have {answer:g}: a layer's own stride does not widen "
                                  "its own window, only those of the layers after it. Add (kernel − 1) · jump "
                                  "first, then multiply the jump by the stride.")
        return verdict(False, f"for {list(layers)} you have {np.asarray(answer).tolist()}, expected {expected}.")
    return verdict(True, f"receptive_field is right on {len(FIELD_EXAMPLES)} stacks of convolutions.")

import numpy as np
import pytest

from utils import validation


def test_clean_values_come_back_as_python_types():
    assert validation.positive_int(np.int64(3), "n") == 3 and type(validation.positive_int(np.int64(3), "n")) is int
    assert validation.real(np.float32(0.5), "x", low=0, high=1) == 0.5
    assert validation.shape(784, "shape") == (784,) and validation.shape([28, 28], "shape") == (28, 28)
    assert validation.int_sequence([512, 128], "units") == (512, 128) and validation.int_sequence((), "u") == ()
    assert validation.optional_seed(None) is None and validation.boolean(False, "b") is False
    assert validation.activation(None, "a") is None and validation.activation("relu", "a") == "relu"


@pytest.mark.parametrize("check, value", [
    (lambda v: validation.positive_int(v, "units"), 0),
    (lambda v: validation.positive_int(v, "units"), True),
    (lambda v: validation.positive_int(v, "units"), 2.0),
    (lambda v: validation.non_negative_int(v, "seed"), -1),
    (lambda v: validation.real(v, "rate", low=0, high=1), 1.5),
    (lambda v: validation.real(v, "rate", low=0, high=1, high_inclusive=False), 1.0),
    (lambda v: validation.real(v, "rho", low=0, low_inclusive=False), 0.0),
    (lambda v: validation.real(v, "x"), float("nan")),
    (lambda v: validation.non_negative_real(v, "beta"), -0.5),
    (lambda v: validation.positive_real(v, "lr"), 0),
    (lambda v: validation.boolean(v, "masking"), 1),
    (lambda v: validation.shape(v, "input_shape"), (28, 0)),
    (lambda v: validation.int_sequence(v, "hidden_units"), "512"),
    (lambda v: validation.int_sequence(v, "filters", allow_empty=False), ()),
    (lambda v: validation.one_of(v, "cell", ("lstm", "gru")), "rnn"),
    (lambda v: validation.activation(v, "activation"), "sigmoidd"),
])
def test_bad_values_raise_with_the_value_in_the_message(check, value):
    with pytest.raises(ValueError) as error:
        check(value)
    assert repr(value) in str(error.value) or str(value) in str(error.value)

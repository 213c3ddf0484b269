import numpy as np
import pytest

from utils.backend import load_keras
from utils.timing import EpochTimer

keras = load_keras()


def tiny_model():
    inputs = keras.Input(shape=(4,))
    model = keras.Model(inputs, keras.layers.Dense(4)(inputs))
    model.compile(optimizer="sgd", loss="mse")
    return model


def test_times_every_epoch_and_skips_the_first_in_the_median():
    data = np.random.default_rng(0).random((32, 4)).astype("float32")
    timer = EpochTimer()
    tiny_model().fit(data, data, epochs=4, batch_size=8, callbacks=[timer], verbose=0)
    assert len(timer.seconds) == 4 and all(seconds > 0 for seconds in timer.seconds)
    assert timer.seconds_per_epoch == pytest.approx(float(np.median(timer.seconds[1:])))


def test_one_epoch_and_a_second_fit():
    data = np.zeros((8, 4), "float32")
    timer, model = EpochTimer(), tiny_model()
    model.fit(data, data, epochs=3, callbacks=[timer], verbose=0)
    model.fit(data, data, epochs=1, callbacks=[timer], verbose=0)
    assert len(timer.seconds) == 1  # each fit starts afresh
    assert timer.seconds_per_epoch == timer.seconds[0]


def test_asking_before_fit_is_a_clear_error():
    with pytest.raises(ValueError, match="timed no epoch yet"):
        _ = EpochTimer().seconds_per_epoch

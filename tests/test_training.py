import numpy as np
import pytest

from utils.course.backend import load_keras
from utils.training import EpochTimer

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


def test_cosine_adam_decays_to_the_final_fraction():
    from utils.training import cosine_adam

    optimizer = cosine_adam(1e-2, epochs=2, n_examples=10, batch_size=4, final_fraction=0.1)
    schedule = optimizer.learning_rate if callable(optimizer.learning_rate) else optimizer._learning_rate
    assert float(schedule(0)) == pytest.approx(1e-2)
    assert float(schedule(6)) == pytest.approx(1e-3)  # 2 epochs × ceil(10 / 4) = 6 steps
    for bad in (0, -1e-3, "0.1"):
        with pytest.raises(ValueError, match="peak_learning_rate"):
            cosine_adam(bad, 1, 10, 4)
    with pytest.raises(ValueError, match="final_fraction"):
        cosine_adam(1e-3, 1, 10, 4, final_fraction=1.5)


def test_logged_epochs_keep_first_and_last_within_the_budget():
    from utils.training import logged_epochs

    assert logged_epochs(5, 10) == [0, 1, 2, 3, 4]
    chosen = logged_epochs(80, 10)
    assert len(chosen) == 10 and chosen[0] == 0 and chosen[-1] == 79
    assert logged_epochs(7, 1) == [6]
    with pytest.raises(ValueError, match="max_lines"):
        logged_epochs(7, 0)


def test_epoch_logger_prints_at_most_max_lines(capsys):
    from utils.training import EpochLogger

    model = tiny_model()
    x = np.zeros((8, 4), dtype="float32")
    model.fit(x, x, epochs=25, verbose=0, callbacks=[EpochLogger(max_lines=4)])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 4 and lines[0].startswith("epoch  1/25") and lines[-1].startswith("epoch 25/25")
    assert "loss:" in lines[0]


def test_epoch_logger_follows_the_mode(monkeypatch):
    from utils.training import EpochLogger, epoch_logger

    monkeypatch.setenv("AE_VERBOSE", "2")
    monkeypatch.setenv("AE_QUICK", "1")
    assert isinstance(epoch_logger(), EpochLogger) and epoch_logger().max_lines is None
    monkeypatch.setenv("AE_QUICK", "0")
    assert epoch_logger().max_lines == 10
    monkeypatch.setenv("AE_VERBOSE", "1")
    assert not isinstance(epoch_logger(), EpochLogger)

"""Training helpers: the optimizer schedule the course uses, an epoch timer, and a compact epoch logger.

    model.compile(optimizer=cosine_adam(1e-3, epochs=20, n_examples=54_000, batch_size=256), loss="mse")
    timer = EpochTimer()
    model.fit(x, x, epochs=20, verbose=fit_verbose(), callbacks=[epoch_logger(), timer])
    timer.seconds_per_epoch  # the median after the first epoch, which also pays for tracing the training step
"""

import math
import time

import keras
import numpy as np

from utils import validation
from utils.settings import is_quick, log_epochs

FULL_MODE_LOG_LINES = 10


def cosine_adam(peak_learning_rate, epochs, n_examples, batch_size, final_fraction=0.0):
    """Adam whose learning rate falls from its peak along a cosine over the whole run.

    Args:
        peak_learning_rate: the learning rate at the first step.
        epochs, n_examples, batch_size: the run the schedule spans (`epochs * ceil(n_examples / batch_size)` steps).
        final_fraction: the learning rate at the last step, as a fraction of the peak (`alpha` of `CosineDecay`).

    Returns:
        A `keras.optimizers.Adam` with a `CosineDecay` schedule.
    """
    peak_learning_rate = validation.positive_real(peak_learning_rate, "peak_learning_rate")
    steps = validation.positive_int(epochs, "epochs") * math.ceil(
        validation.positive_int(n_examples, "n_examples") / validation.positive_int(batch_size, "batch_size"))
    final_fraction = validation.real(final_fraction, "final_fraction", low=0.0, high=1.0)
    return keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(peak_learning_rate, steps,
                                                                         alpha=final_fraction))


class EpochTimer(keras.callbacks.Callback):
    """Record the wall-clock seconds of every training epoch in `seconds` (reset by each `fit`)."""

    def on_train_begin(self, logs=None):
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._epoch_started)

    @property
    def seconds_per_epoch(self):
        """Median seconds of the epochs after the first, or the only epoch's seconds after a one-epoch `fit`."""
        seconds = getattr(self, "seconds", [])
        if not seconds:
            raise ValueError("EpochTimer has timed no epoch yet: pass it to fit(..., callbacks=[timer]) first.")
        return float(np.median(seconds[1:] if len(seconds) > 1 else seconds))


def logged_epochs(epochs, max_lines):
    """The 0-based epochs a `max_lines`-line log shows: all of them, or the first, the last and evenly spaced ones."""
    epochs = validation.positive_int(epochs, "epochs")
    max_lines = validation.positive_int(max_lines, "max_lines")
    if epochs <= max_lines:
        return list(range(epochs))
    if max_lines == 1:
        return [epochs - 1]
    return sorted({int(round(epoch)) for epoch in np.linspace(0, epochs - 1, max_lines)})


class EpochLogger(keras.callbacks.Callback):
    """Print one short line for some epochs of a `fit`: at most `max_lines` lines, the first and last included.

    Pass `verbose=0` to `fit` so that Keras's own log does not print too. The line shows the epoch, every metric in
    `logs` to four significant digits, and the seconds since `fit` began.

    Args:
        max_lines: the most lines one `fit` prints (`None`: every epoch).
    """

    def __init__(self, max_lines=FULL_MODE_LOG_LINES):
        super().__init__()
        self.max_lines = None if max_lines is None else validation.positive_int(max_lines, "max_lines")

    def on_train_begin(self, logs=None):
        epochs = self.params.get("epochs", 1)
        self._shown = set(range(epochs) if self.max_lines is None else logged_epochs(epochs, self.max_lines))
        self._epochs = epochs
        self._started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        if epoch not in self._shown:
            return
        metrics = " - ".join(f"{name}: {value:.4g}" for name, value in (logs or {}).items())
        elapsed = time.perf_counter() - self._started
        print(f"epoch {epoch + 1:>{len(str(self._epochs))}}/{self._epochs} - {metrics} - {elapsed:.0f} s", flush=True)


def epoch_logger():
    """The logging callback for every `fit` of the course: pass it with `verbose=fit_verbose()`.

    When epochs are logged as text (`AE_VERBOSE=2`: under test and when a notebook is stamped), it prints at most ten
    lines per `fit` in full mode (the training curve is the plot) and one line per epoch in quick mode. Otherwise it
    prints nothing: a person in Jupyter sees Keras's progress bar instead.
    """
    if not log_epochs():
        return keras.callbacks.Callback()
    return EpochLogger(max_lines=None if is_quick() else FULL_MODE_LOG_LINES)

"""Wall-clock cost of training: the seconds-per-epoch column of an architecture comparison.

    timer = EpochTimer()
    model.fit(x, x, epochs=10, callbacks=[timer])
    timer.seconds            # every epoch, in order
    timer.seconds_per_epoch  # the median after the first epoch, which also pays for tracing the training step
"""

import time

import keras
import numpy as np


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

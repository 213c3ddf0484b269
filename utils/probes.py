"""Linear probes: how much label information a frozen code carries, read by the simplest classifier.

A linear probe fits a logistic regression on codes of labelled training examples (standardised first) and reports its
accuracy on test codes. The autoencoder never sees the labels; the probe only asks whether classes are *linearly*
separable in its code, which is what a good feature is for.
"""

import numpy as np

from utils import validation


def linear_probe_accuracy(train_codes, train_labels, test_codes, test_labels, max_iter=2000):
    """Test accuracy of a standardised logistic regression trained on `train_codes`."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    train_codes, test_codes = np.asarray(train_codes), np.asarray(test_codes)
    train_labels, test_labels = np.asarray(train_labels), np.asarray(test_labels)
    if train_codes.ndim != 2 or test_codes.ndim != 2 or train_codes.shape[1] != test_codes.shape[1]:
        raise ValueError(f"Codes must be 2-D with the same width, got {train_codes.shape} and {test_codes.shape}.")
    if len(train_codes) != len(train_labels) or len(test_codes) != len(test_labels):
        raise ValueError(f"Codes and labels differ in length: {len(train_codes)} vs {len(train_labels)} (train), "
                         f"{len(test_codes)} vs {len(test_labels)} (test).")
    max_iter = validation.positive_int(max_iter, "max_iter")
    probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=max_iter))
    with threadpool_limits(limits=1):  # beside TensorFlow's threads, multi-threaded BLAS made this ~50× slower
        probe.fit(train_codes, train_labels)
    return float(probe.score(test_codes, test_labels))

"""The course's recurring figures: originals vs reconstructions, training curves, 2-D codes.

Figures are small (100 dpi) so that executed notebooks stay light in git. Each function returns the figure.
"""

import matplotlib.pyplot as plt
import numpy as np

DPI = 100


def _as_images(array, name):
    array = np.asarray(array)
    if array.ndim == 2:
        side = int(round(np.sqrt(array.shape[1])))
        if side * side != array.shape[1]:
            raise ValueError(f"{name} rows of length {array.shape[1]} are not square images.")
        array = array.reshape(-1, side, side)
    if array.ndim not in (3, 4):
        raise ValueError(f"{name} must be images (n, h, w[, c]) or flat square images (n, h*w), got {array.shape}.")
    return array


def show_reconstructions(originals, reconstructions, n=10, row_titles=("original", "reconstruction"),
                         title=None, extra_rows=()):
    """A grid: one row of originals, one of reconstructions (plus any `extra_rows`), `n` columns.

    `extra_rows` is a sequence of `(images, row_title)` pairs, e.g. to add a PCA row for comparison.
    """
    rows = [(_as_images(originals, "originals"), row_titles[0]),
            (_as_images(reconstructions, "reconstructions"), row_titles[1])]
    rows += [(_as_images(images, row_title), row_title) for images, row_title in extra_rows]
    available = min(len(images) for images, _ in rows)
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= available:
        raise ValueError(f"n must be an integer from 1 to {available} (the images given), got {n!r}.")
    fig, axes = plt.subplots(len(rows), n, figsize=(n * 0.75, len(rows) * 0.8), dpi=DPI, squeeze=False)
    for row, (images, row_title) in enumerate(rows):
        for col in range(n):
            axis = axes[row, col]
            axis.imshow(images[col], cmap="gray" if images.ndim == 3 else None, vmin=0, vmax=1, interpolation="nearest")
            axis.set_xticks([])
            axis.set_yticks([])
        axes[row, 0].set_ylabel(row_title, fontsize=8, rotation=0, ha="right", va="center")
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout(pad=0.2)
    return fig


def plot_history(histories, metric="loss", title=None, logy=False):
    """Training (solid) and validation (dashed) curves of one or more runs.

    `histories` is a `keras.callbacks.History`, a `history.history` dict, or a dict `label → either of those`.
    """
    if hasattr(histories, "history") or (isinstance(histories, dict) and metric in histories):
        histories = {"": histories}
    if not isinstance(histories, dict) or not histories:
        raise ValueError(f"histories must be a History, a history dict, or a dict of them, got {histories!r}.")
    fig, axis = plt.subplots(figsize=(5.5, 3.2), dpi=DPI)
    for index, (label, history) in enumerate(histories.items()):
        logs = history.history if hasattr(history, "history") else history
        if metric not in logs:
            raise ValueError(f"No {metric!r} in the history of run {label!r}; it has {sorted(logs)}.")
        color = f"C{index}"
        epochs = np.arange(1, len(logs[metric]) + 1)
        axis.plot(epochs, logs[metric], color=color, label=f"{label} train".strip())
        if f"val_{metric}" in logs:
            axis.plot(epochs, logs[f"val_{metric}"], color=color, linestyle="--", label=f"{label} validation".strip())
    axis.set_xlabel("epoch")
    axis.set_ylabel(metric)
    if logy:
        axis.set_yscale("log")
    axis.legend(fontsize=7)
    axis.set_title(title or f"{metric}: training (solid) vs validation (dashed)", fontsize=10)
    fig.tight_layout()
    return fig


def plot_codes_2d(codes, labels, class_names=None, title="2-D codes", max_points=3000, axis=None):
    """Scatter of 2-D codes coloured by label (at most `max_points`, a fixed random subset)."""
    codes, labels = np.asarray(codes), np.asarray(labels)
    if codes.ndim != 2 or codes.shape[1] != 2:
        raise ValueError(f"codes must have shape (n, 2), got {codes.shape}.")
    if len(labels) != len(codes):
        raise ValueError(f"labels has {len(labels)} entries but codes has {len(codes)} rows.")
    keep = np.random.default_rng(0).permutation(len(codes))[:max_points]
    if axis is None:
        fig, axis = plt.subplots(figsize=(5, 4), dpi=DPI)
    else:
        fig = axis.figure
    for value in np.unique(labels):
        chosen = keep[labels[keep] == value]
        name = class_names[int(value)] if class_names is not None else str(value)
        axis.scatter(codes[chosen, 0], codes[chosen, 1], s=3, alpha=0.6, label=name)
    axis.legend(fontsize=7, markerscale=3, loc="best")
    axis.set_xlabel("code 1")
    axis.set_ylabel("code 2")
    axis.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig

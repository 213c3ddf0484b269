"""Checks for the exercises of notebook 01 (the vanilla autoencoder).

Each check computes its own reference from the data it is given, prints a kind verdict and returns a `Verdict`.
"""

import numpy as np

from utils.exercises.core import all_layers, one_number, verdict

# Exercise 2: 784 → 128 (ReLU) → 16 (ReLU, the code) → 128 (ReLU) → 784 (sigmoid), on 28×28 images.
DEEPER_WIDTHS = (128, 16, 128, 784)
DEEPER_ACTIVATIONS = ("relu", "relu", "relu", "sigmoid")
DEEPER_ROLES = ("encoder hidden layer", "code layer", "decoder hidden layer", "output layer")
# A trained model must reconstruct with at most this fraction of the mean image's error (an untrained one has about
# twice the mean image's error; the code-16 model of the solution, after a few epochs, about a fifth).
TRAINED_FRACTION = 0.5


def _images(images, name):
    images = np.asarray(images, dtype=np.float64)
    if images.ndim != 3 or len(images) < 2 or images.shape[1:] != (28, 28):
        raise ValueError(f"{name} must be an array of 28×28 images (n ≥ 2, 28, 28), got shape {images.shape}.")
    return images


def check_mean_image_mse(answer, train_images, test_images):
    """Exercise 1: the test MSE of predicting, for every test image, the mean of the training images."""
    train_images = _images(train_images, "train_images")
    test_images = _images(test_images, "test_images")
    name = "my_mean_image_mse"
    answer, failed = one_number(answer, name, hint="Hint: average train_images over axis 0, then compare it with "
                                                   "every test image.")
    if failed is not None:
        return failed
    expected = float(np.mean((test_images - train_images.mean(axis=0)) ** 2))
    if np.isclose(answer, expected, rtol=1e-4, atol=0.0):
        return verdict(True, f"{name} = {answer:.5f} is right: the bar every model must clear.")
    test_mean_error = float(np.mean((test_images - test_images.mean(axis=0)) ** 2))
    if np.isclose(answer, test_mean_error, rtol=1e-4, atol=0.0):
        return verdict(False, f"{name} = {answer:.5f} uses the mean of the *test* images. The baseline must be "
                              "built from training images only; average train_images instead.")
    if np.isclose(answer, expected * 784, rtol=1e-4, atol=0.0):
        return verdict(False, f"{name} = {answer:.5f} looks summed over the 784 pixels of each image: take the "
                              "mean over pixels too.")
    return verdict(False, f"{name} = {answer:.5f} is not the expected {expected:.5f}. Average train_images over "
                          "axis 0 (one 28×28 image), subtract it from every test image, square, and take the mean.")


def _activation_name(layer):
    activation = getattr(layer, "activation", None)
    return getattr(activation, "__name__", str(activation))


def check_deeper_autoencoder(model, images):
    """Exercise 2: `model` is the trained 784-128-16-128-784 autoencoder (ReLU inside, sigmoid out) on 28×28 images.

    Args:
        model: the learner's `keras.Model`.
        images: held-out 28×28 images in [0, 1] on which a trained model must reconstruct well.
    """
    import keras

    images = _images(images, "images")
    if model is None:
        return verdict(False, "deeper_autoencoder is still None. Build it, train it, and assign it to the variable.")
    if not isinstance(model, keras.Model):
        return verdict(False, f"expected a keras.Model, got {type(model).__name__}.")
    for role, shape in (("takes inputs", tuple(model.input.shape[1:])), ("outputs", tuple(model.output.shape[1:]))):
        if shape != (28, 28):
            return verdict(False, f"the model {role} of shape {shape}; an autoencoder of these images should take "
                                  "and give back (28, 28).")
    dense_layers = [layer for layer in all_layers(model) if isinstance(layer, keras.layers.Dense)]
    widths = tuple(int(layer.units) for layer in dense_layers)
    if widths != DEEPER_WIDTHS:
        return verdict(False, f"the Dense layers have {' → '.join(map(str, widths)) or 'no'} units in order; the "
                              f"exercise asks for 784 → {' → '.join(map(str, DEEPER_WIDTHS))}: a hidden layer of "
                              "128 on each side of a 16-number code.")
    for layer, role, wanted in zip(dense_layers, DEEPER_ROLES, DEEPER_ACTIVATIONS, strict=True):
        if _activation_name(layer) != wanted:
            return verdict(False, f"the {role} ({layer.units} units) uses activation '{_activation_name(layer)}'; "
                                  f"the exercise asks for '{wanted}'.")
    reconstructions = keras.ops.convert_to_numpy(model(images.astype("float32"), training=False))
    error = float(np.mean((images - reconstructions) ** 2))
    mean_image_error = float(np.mean((images - images.mean(axis=0)) ** 2))
    if not error <= TRAINED_FRACTION * mean_image_error:
        return verdict(False, f"the architecture is right, but the model reconstructs these images with MSE "
                              f"{error:.4f}, not far below the mean image's {mean_image_error:.4f}. Has it been "
                              "compiled and trained (fit on train_images, for a few epochs)?")
    return verdict(True, f"a trained 784-128-16-128-784 autoencoder: MSE {error:.4f} on these images "
                         f"({error / mean_image_error:.0%} of the mean image's).")


"""Shared building blocks of the autoencoder course, one idea per module.

What the course teaches:

- `blocks`: dense encoder and decoder builders.
- `convolutional`: strided convolutional encoder and decoder builders (transposed or resize upsampling).
- `recurrent`: the LSTM/GRU sequence-to-sequence autoencoder builder, with optional masking, and a masked MSE.
- `variational`: the sampling layer, the ELBO's two terms, a VAE trained with `fit`, importance-sampled NLL.
- `noise`: corruption layers and fixed-seed corruption functions for denoising autoencoders.
- `regularizers`: sparsity penalties on activations (KL toward a target rate, L1), batch-size invariant.
- `contractive`: the Jacobian penalty of a sigmoid encoder in closed form, and a layer that adds it.
- `denoisers`: the residual (DnCNN-style) photo denoiser, its receptive field, whole-photo denoising (notebook 16).
- `compression`: GDN, the quantizer, a learned rate model and the range coder that writes real bytes (notebook 17).
- `colorizers`: the U-Net (or plain) L → ab colorizer, ab bins and their rebalancing, colourfulness (notebook 18).
- `super_resolution`: the pixel shuffle, the benchmark degradation, aligned patches, SRCNN and the residual
  sub-pixel networks (notebook 19).

Data:

- `datafiles`: where data files live, download once, sha256 checks, clear errors.
- `datasets`: one loader per dataset; `load_*_splits` return ready, scaled train / validation / test splits.

Evaluation:

- `baselines`: the mean input and PCA-k (one fit serves every k), thin over scikit-learn.
- `reconstruction_errors`: mean and summed squared error, per example and averaged.
- `probes`: linear-probe accuracy of frozen codes.
- `photos`: photos as float arrays in RGB, gray, Y or Lab, training patches, PSNR/SSIM with the field's protocols.
- `plots`: reconstructions grid, training curves, 2-D code scatter.

Training and settings:

- `settings`: quick vs full mode, sizes, seeding, verbosity.
- `training`: Adam with a cosine schedule, the epoch timer, a compact epoch logger.

Exercises and argument checks:

- `exercises`: the checks a learner calls after each exercise, one module per notebook, reference answers inside.
- `validation`: the argument checks every module uses (`ValueError` with the bad value).

Course machinery (what makes the course run, not what it teaches) lives in `utils.course`: the runner and stamps,
Colab, the headline results, and loading Keras without TensorFlow's banners.
"""

KERAS_PACKAGE = "autoencoder_course"  # the one package name under which the course's saved layers are registered

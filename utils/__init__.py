"""Shared building blocks of the autoencoder course.

One idea per module:

- `settings`: quick vs full mode, sizes, seeding, Keras verbosity.
- `datafiles`: where data files live, download once, sha256 checks, clear errors.
- `datasets`: one loader per dataset, returning NumPy arrays (pandas frames for tables).
- `backend`: load Keras on TensorFlow without the C++ start-up banners.
- `blocks`: dense encoder and decoder builders with argument checks.
- `noise`: corruption layers and fixed-seed corruption functions for denoising autoencoders.
- `regularizers`: sparsity penalties on activations (KL toward a target rate, L1), batch-size invariant.
- `contractive`: the Jacobian penalty of a sigmoid encoder in closed form, and a layer that adds it.
- `probes`: linear-probe accuracy of frozen codes.
- `convolutional`: strided convolutional encoder and decoder builders (transposed or resize upsampling).
- `recurrent`: the LSTM/GRU sequence-to-sequence autoencoder builder, with optional masking, and a masked MSE.
- `variational`: the sampling layer, the ELBO's two terms, a VAE trained with `fit`, importance-sampled NLL.
- `timing`: an epoch-timing callback, for the seconds-per-epoch column of architecture comparisons.
- `plots`: reconstructions grid, training curves, 2-D code scatter.
- `checks`: exercise checks that tell a learner, kindly, what is wrong.
- `results`: the headline metrics a notebook reports.
- `colab`: the repository slug, the Open-in-Colab badge and the setup cell.
- `runner`: execute a notebook in full mode, stamp it, regenerate the README tables.
"""

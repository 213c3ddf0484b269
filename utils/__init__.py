"""Shared building blocks of the autoencoder course.

One idea per module:

- `settings`: quick vs full mode, sizes, seeding, Keras verbosity.
- `datafiles`: where data files live, download once, sha256 checks, clear errors.
- `datasets`: one loader per dataset, returning NumPy arrays (pandas frames for tables).
- `blocks`: dense encoder and decoder builders with argument checks.
- `plots`: reconstructions grid, training curves, 2-D code scatter.
- `checks`: exercise checks that tell a learner, kindly, what is wrong.
- `results`: the headline metrics a notebook reports.
- `colab`: the repository slug, the Open-in-Colab badge and the setup cell.
- `runner`: execute a notebook in full mode, stamp it, regenerate the README tables.
"""

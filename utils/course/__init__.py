"""Course machinery: what makes the course run, not what it teaches.

- `backend`: load Keras on TensorFlow without the C++ start-up banners.
- `colab`: the repository slug, the Open-in-Colab badge and the setup cell.
- `results`: the headline metrics a notebook reports, with their uncertainty and verdict.
- `runner`: execute a notebook in full mode, stamp it (code and `utils` hashes), regenerate the README tables.
"""

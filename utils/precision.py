"""Which floating-point policy to train with: mixed precision where the hardware has fast low-precision units.

Mixed precision keeps the weights in float32 but computes most layers in a 16-bit type, which is much faster only on
hardware built for it: `mixed_float16` on an NVIDIA GPU with tensor cores, `mixed_bfloat16` on a CPU with bfloat16
matrix units (Intel AMX, Sapphire Rapids and later). Elsewhere (most laptops, Colab's CPUs) float32 stays the
choice: without matrix units the 16-bit types gain little, even on CPUs whose AVX512-BF16 dot-product
instructions compute in bfloat16. Measured on 2 cores of such an AMD EPYC (Zen 4, no AMX) with oneDNN on (December
2026): one training step of notebook 16's denoiser ran 1.1×, of 18's U-Net 1.2× and of 19's super-resolution network
1.5× faster in mixed bfloat16 than in float32 (notebook 16's timing cell, batches of 64: 1.5×), against 3× on an
AMX Xeon; with oneDNN off, notebook 21 measured bfloat16 at a sixth of the float32 speed there. Too little and too
uneven to change the default on such CPUs: time both first, as notebook 16 does.

TensorFlow reaches AMX only through its oneDNN kernels. `utils.course.backend.load_keras` sets
`TF_ENABLE_ONEDNN_OPTS=0` unless the environment already says otherwise, and with oneDNN off bfloat16 ran at under a
tenth of the float32 speed even on an AMX Xeon; with it on, 2.7× faster (notebook 16). The image notebooks (16–19)
therefore set `TF_ENABLE_ONEDNN_OPTS=1` before loading Keras.

Detect, don't assume, and measure::

    policy = pick_policy()                         # "mixed_bfloat16", "mixed_float16" or "float32"
    keras.mixed_precision.set_global_policy(policy)
    ...                                            # build the model; give its last layer dtype="float32"
    keras.mixed_precision.set_global_policy("float32")
"""

from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")
BFLOAT16_MATRIX_FLAGS = ("amx_bf16",)
POLICIES = ("float32", "mixed_bfloat16", "mixed_float16")


def cpu_flags(cpuinfo_text=None):
    """The CPU feature flags the operating system reports (Linux `/proc/cpuinfo`), as a set of strings.

    Args:
        cpuinfo_text: the text of `/proc/cpuinfo`, or None to read it; an empty set where it does not exist (macOS,
            Windows).

    Returns:
        A set such as `{"avx2", "avx512f", "amx_bf16", ...}`.
    """
    if cpuinfo_text is None:
        if not CPUINFO.exists():
            return set()
        cpuinfo_text = CPUINFO.read_text()
    if not isinstance(cpuinfo_text, str):
        raise ValueError(f"cpuinfo_text must be a string or None, got {cpuinfo_text!r}.")
    for line in cpuinfo_text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags":
            return set(value.split())
    return set()


def has_bfloat16_matrix_units(flags=None):
    """True when the CPU has bfloat16 matrix units (Intel AMX: the `amx_bf16` flag)."""
    flags = cpu_flags() if flags is None else set(flags)
    return any(flag in flags for flag in BFLOAT16_MATRIX_FLAGS)


def pick_policy(has_gpu=None, flags=None):
    """The Keras dtype policy to train with on this machine.

    Args:
        has_gpu: whether TensorFlow sees a GPU, or None to ask it.
        flags: the CPU's feature flags, or None to read them (see `cpu_flags`).

    Returns:
        "mixed_float16" with a GPU, else "mixed_bfloat16" on a CPU with bfloat16 matrix units, else "float32".
    """
    if has_gpu is None:
        import tensorflow as tf

        has_gpu = bool(tf.config.list_physical_devices("GPU"))
    if not isinstance(has_gpu, bool):
        raise ValueError(f"has_gpu must be True, False or None, got {has_gpu!r}.")
    if has_gpu:
        return "mixed_float16"
    return "mixed_bfloat16" if has_bfloat16_matrix_units(flags) else "float32"

import pytest

from utils.precision import cpu_flags, has_bfloat16_matrix_units, pick_policy

SAPPHIRE_RAPIDS = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_bf16 amx_bf16 amx_tile amx_int8\n"
LAPTOP = "processor\t: 0\nflags\t\t: fpu sse avx2 fma\n"


def test_flags_are_read_from_cpuinfo_text():
    assert {"amx_bf16", "avx2"} <= cpu_flags(SAPPHIRE_RAPIDS)
    assert cpu_flags("no flags line here") == set()


def test_bfloat16_matrix_units_need_amx_not_only_avx512_bf16():
    assert has_bfloat16_matrix_units(cpu_flags(SAPPHIRE_RAPIDS))
    assert not has_bfloat16_matrix_units({"avx512_bf16", "avx512f"})
    assert not has_bfloat16_matrix_units({"avx512f", "avx2"})
    assert not has_bfloat16_matrix_units(cpu_flags(LAPTOP))


@pytest.mark.parametrize("has_gpu, text, policy", [
    (True, LAPTOP, "mixed_float16"),
    (True, SAPPHIRE_RAPIDS, "mixed_float16"),
    (False, SAPPHIRE_RAPIDS, "mixed_bfloat16"),
    (False, LAPTOP, "float32"),
    (False, "flags : avx512f avx512_bf16", "float32"),
    (False, "", "float32"),
])
def test_the_policy_follows_the_hardware(has_gpu, text, policy):
    assert pick_policy(has_gpu=has_gpu, flags=cpu_flags(text)) == policy


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="'yes'"):
        pick_policy(has_gpu="yes", flags=set())
    with pytest.raises(ValueError, match="42"):
        cpu_flags(42)

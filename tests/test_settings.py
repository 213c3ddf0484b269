import pytest

from utils import settings


def test_quick_mode_follows_environment(monkeypatch):
    monkeypatch.setenv("AE_QUICK", "1")
    assert settings.is_quick() and settings.mode() == "quick"
    assert settings.by_mode(full=60_000, quick=2_000) == 2_000
    monkeypatch.setenv("AE_QUICK", "0")
    assert not settings.is_quick() and settings.mode() == "full"
    assert settings.by_mode(full=60_000, quick=2_000) == 60_000
    monkeypatch.delenv("AE_QUICK")
    assert settings.by_mode(full=(2, 8), quick=(2,)) == (2, 8)


def test_bad_quick_value_is_named(monkeypatch):
    monkeypatch.setenv("AE_QUICK", "maybe")
    with pytest.raises(ValueError, match="maybe"):
        settings.is_quick()


@pytest.mark.parametrize(
    "full, quick, shown",
    [(0, 0, "full=0"), (10, -1, "quick=-1"), (10, "2", "'2'"), (True, 1, "True"), ((1,), [1], "[1]")],
)
def test_by_mode_rejects_bad_sizes(full, quick, shown):
    with pytest.raises(ValueError, match=shown.replace("[", r"\[").replace("(", r"\(")):
        settings.by_mode(full=full, quick=quick)


def test_fit_verbose(monkeypatch):
    monkeypatch.setenv("AE_VERBOSE", "2")
    assert settings.fit_verbose() == 0 and settings.log_epochs()
    monkeypatch.delenv("AE_VERBOSE")
    assert settings.fit_verbose() == 1 and not settings.log_epochs()
    monkeypatch.setenv("AE_VERBOSE", "0")
    assert settings.fit_verbose() == 0 and not settings.log_epochs()
    monkeypatch.setenv("AE_VERBOSE", "loud")
    with pytest.raises(ValueError, match="loud"):
        settings.fit_verbose()


def test_seed_everything_makes_runs_repeatable():
    import keras

    settings.seed_everything(7)
    first = keras.ops.convert_to_numpy(keras.random.normal((3,)))
    settings.seed_everything(7)
    assert (keras.ops.convert_to_numpy(keras.random.normal((3,))) == first).all()
    with pytest.raises(ValueError, match="-1"):
        settings.seed_everything(-1)

import numpy as np
import pytest

from utils.baselines import PCABaseline
from utils.exercises.undercomplete import check_pca16_train_mse, check_principal_angles


def principal_angles(a, b):
    q_a, _ = np.linalg.qr(a)
    q_b, _ = np.linalg.qr(b)
    cosines = np.linalg.svd(q_a.T @ q_b, compute_uv=False)
    return np.degrees(np.arccos(np.clip(cosines, -1, 1)))


def test_check_principal_angles_accepts_the_solution(capsys):
    assert check_principal_angles(principal_angles)
    assert "✅" in capsys.readouterr().out


def test_check_principal_angles_rejects_wrong_answers(capsys):
    assert not check_principal_angles(None)
    assert "function" in capsys.readouterr().out
    assert not check_principal_angles(lambda a, b: None)
    assert "return" in capsys.readouterr().out
    assert not check_principal_angles(lambda a, b: np.radians(principal_angles(a, b)))
    assert "radians" in capsys.readouterr().out
    assert not check_principal_angles(lambda a, b: principal_angles(a, b)[::-1])
    assert "sorted" in capsys.readouterr().out

    def without_qr(a, b):  # forgets to orthonormalise the bases
        cosines = np.linalg.svd(a.T @ b, compute_uv=False)
        return np.degrees(np.arccos(np.clip(cosines, -1, 1)))

    assert not check_principal_angles(without_qr)
    assert "np.linalg.qr" in capsys.readouterr().out
    assert not check_principal_angles(lambda a, b: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    with pytest.raises(ValueError, match="atol"):
        check_principal_angles(principal_angles, atol=-1)


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    train = (rng.normal(size=(300, 40)) * np.linspace(3, 0.1, 40)).astype("float32")
    return PCABaseline(max_components=40).fit(train), train


def test_check_pca16_train_mse(fitted, capsys):
    pca, train = fitted
    n = len(train)
    answer = pca.explained_variance[16:].sum() * (n - 1) / n / 40
    assert check_pca16_train_mse(answer, pca, train)
    assert "✅" in capsys.readouterr().out
    assert not check_pca16_train_mse(None, pca, train)
    assert "still None" in capsys.readouterr().out
    assert not check_pca16_train_mse(pca.explained_variance[16:].sum(), pca, train)
    assert "divide" in capsys.readouterr().out
    assert not check_pca16_train_mse(pca.explained_variance[:16].sum() / 40, pca, train)
    assert "keeps" in capsys.readouterr().out
    assert not check_pca16_train_mse(answer * 1.1, pca, train)
    assert "not the expected" in capsys.readouterr().out
    with pytest.raises(ValueError, match="all 40 components"):
        check_pca16_train_mse(answer, PCABaseline(max_components=20).fit(train), train)

import numpy as np

from utils.exercises.distributed import check_file_shards, check_replica_loss


def test_replica_loss_accepts_the_global_mean_share():
    assert check_replica_loss(lambda losses, global_batch_size: np.sum(losses) / global_batch_size)


def test_replica_loss_rejects_the_per_replica_mean():
    verdict = check_replica_loss(lambda losses, global_batch_size: np.mean(losses))
    assert not verdict and "mean of its own examples" in verdict.message


def test_replica_loss_rejects_none_and_non_functions():
    assert not check_replica_loss(lambda losses, global_batch_size: None)
    assert not check_replica_loss(None)


def test_file_shards_accept_a_strided_split():
    assert check_file_shards(lambda paths, n_workers, index: paths[index::n_workers])


def test_file_shards_reject_plausible_mistakes():
    every_file = check_file_shards(lambda paths, n_workers, index: paths)
    assert not every_file and "same examples" in every_file.message
    per_worker = lambda paths, n: len(paths) // n  # noqa: E731
    dropped = check_file_shards(lambda paths, n, index: paths[index * per_worker(paths, n):
                                                               (index + 1) * per_worker(paths, n)])
    assert not dropped and "left over" in dropped.message
    lopsided = check_file_shards(lambda paths, n, index: paths[:-(n - 1)] if index == 0 else [paths[-index]])
    assert not lopsided and "within one file" in lopsided.message

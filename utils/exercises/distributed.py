"""Checks for the exercises of notebook 21 (beyond one machine).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""


import numpy as np

from utils.exercises.core import call_learner, verdict


def _replica_examples(seed=21):
    """(per-replica lists of per-example losses, global batch size) cases, a short last batch among them."""
    rng = np.random.default_rng(seed)
    return [([rng.uniform(size=4), rng.uniform(size=4)], 8),
            ([rng.uniform(size=3), rng.uniform(size=2)], 5),
            ([rng.uniform(size=6), rng.uniform(size=6), rng.uniform(size=6), rng.uniform(size=6)], 24)]


def check_replica_loss(candidate):
    """Exercise 1: `candidate(per_example_losses, global_batch_size)` is one replica's share of the loss, so that the
    replicas' shares add up to the mean loss over the global batch (what `tf.nn.compute_average_loss` returns)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_replica_loss and pass its name.")
    for number, (replicas, global_batch_size) in enumerate(_replica_examples(), start=1):
        shares = []
        for losses in replicas:
            share, failed = call_learner(candidate, "my_replica_loss", (losses.copy(), global_batch_size), number)
            if failed is not None:
                return failed
            if share.size != 1:
                return verdict(False, f"my_replica_loss should return one number, got shape {share.shape}.")
            shares.append(float(share))
        expected = float(np.concatenate(replicas).mean())
        if np.isclose(sum(shares), expected, rtol=1e-6):
            continue
        means = sum(float(np.mean(losses)) for losses in replicas)
        if np.isclose(sum(shares), means, rtol=1e-6):
            return verdict(False, f"example {number}: each replica returned the mean of its own examples, so "
                                  f"{len(replicas)} replicas add up to {sum(shares):.4f} instead of the global mean "
                                  f"{expected:.4f}. Divide the replica's sum by the global batch size.")
        return verdict(False, f"example {number}: the replicas' shares add up to {sum(shares):.4f}, but the mean "
                              f"loss over the global batch is {expected:.4f}.")
    return verdict(True, "the replicas' shares add up to the global mean, even with a short last batch.")


def _shard_examples():
    """(paths, n_workers) cases: an even split, an uneven one, and more workers than usual."""
    files = [f"train-{index:02d}.tfrecord" for index in range(8)]
    return [(files, 2), (files[:7], 2), (files[:7], 3), (files, 4)]


def check_file_shards(candidate):
    """Exercise 2: `candidate(paths, n_workers, index)` lists the files worker `index` reads when the training files
    are sharded by file: every file read by exactly one worker, the workers' loads differing by at most one file."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_file_shard and pass its name.")
    for number, (paths, n_workers) in enumerate(_shard_examples(), start=1):
        shards = []
        for index in range(n_workers):
            try:
                shard = candidate(list(paths), n_workers, index)
            except Exception as error:  # the learner's code may fail in any way; say how, kindly
                return verdict(False, f"my_file_shard raised {type(error).__name__}: {error} on example {number}.")
            if shard is None:
                return verdict(False, f"my_file_shard returned None on example {number}. Did you forget `return`?")
            shards.append(list(shard))
        read = [path for shard in shards for path in shard]
        if any(len(shard) == len(paths) for shard in shards) and n_workers > 1:
            return verdict(False, f"example {number}: a worker reads all {len(paths)} files, so the workers train on "
                                  "the same examples: give each worker its own files.")
        missing = sorted(set(paths) - set(read))
        if missing:
            return verdict(False, f"example {number}: {len(paths)} files over {n_workers} workers, and no worker reads "
                                  f"{missing}: the files left over after an even split must go somewhere.")
        if len(read) != len(set(read)) or set(read) != set(paths):
            return verdict(False, f"example {number}: some file is read by two workers, or a worker reads a file "
                                  f"that is not in the list: {shards}.")
        sizes = [len(shard) for shard in shards]
        if max(sizes) - min(sizes) > 1:
            return verdict(False, f"example {number}: the workers read {sizes} files; a synchronous step waits for "
                                  "the slowest worker, so keep the loads within one file of each other.")
    return verdict(True, "each worker reads its own files, every file is read once, and the loads are balanced.")

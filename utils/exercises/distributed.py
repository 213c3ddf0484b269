"""Checks for the exercises of notebook 21 (beyond one machine).

Each check builds its own examples and reference answer, prints a kind verdict and returns a `Verdict`.
"""

import json

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


def _cluster_examples():
    return [(["localhost:12345", "localhost:23456"], 0), (["localhost:12345", "localhost:23456"], 1),
            (["host-a:2222", "host-b:2222", "host-c:2222"], 2)]


def check_tf_config(candidate):
    """Exercise 2: `candidate(hosts, index)` returns the `TF_CONFIG` (a JSON string) of worker `index` of a cluster
    whose workers listen at `hosts` ("host:port" strings)."""
    if candidate is None or not callable(candidate):
        return verdict(False, f"expected a function, got {candidate!r}. Define my_tf_config and pass its name.")
    for number, (hosts, index) in enumerate(_cluster_examples(), start=1):
        try:
            answer = candidate(list(hosts), index)
        except Exception as error:  # the learner's code may fail in any way; say how, kindly
            return verdict(False, f"my_tf_config raised {type(error).__name__}: {error} on example {number}.")
        if answer is None:
            return verdict(False, f"my_tf_config returned None on example {number}. Did you forget `return`?")
        if not isinstance(answer, str):
            return verdict(False, f"TF_CONFIG is an environment variable, so a string of JSON: got "
                                  f"{type(answer).__name__}. Use json.dumps.")
        try:
            config = json.loads(answer)
        except json.JSONDecodeError as error:
            return verdict(False, f"example {number}: that is not JSON ({error}).")
        cluster, task = config.get("cluster"), config.get("task")
        if not isinstance(cluster, dict) or cluster.get("worker") != hosts:
            return verdict(False, f"example {number}: the cluster should list every worker, in order, under "
                                  f"'worker': {hosts}; got {cluster!r}.")
        if not isinstance(task, dict) or task.get("type") != "worker":
            return verdict(False, f"example {number}: this process is a 'worker' (the first worker acts as chief); "
                                  f"got task {task!r}.")
        if type(task.get("index")) is not int or task["index"] != index:
            return verdict(False, f"example {number}: the task index should be the integer {index}, got "
                                  f"{task.get('index')!r}.")
    return verdict(True, "my_tf_config describes the whole cluster and this worker's place in it.")

import json

import numpy as np

from utils.exercises.distributed import check_replica_loss, check_tf_config


def test_replica_loss_accepts_the_global_mean_share():
    assert check_replica_loss(lambda losses, global_batch_size: np.sum(losses) / global_batch_size)


def test_replica_loss_rejects_the_per_replica_mean():
    verdict = check_replica_loss(lambda losses, global_batch_size: np.mean(losses))
    assert not verdict and "mean of its own examples" in verdict.message


def test_replica_loss_rejects_none_and_non_functions():
    assert not check_replica_loss(lambda losses, global_batch_size: None)
    assert not check_replica_loss(None)


def reference_tf_config(hosts, index):
    return json.dumps({"cluster": {"worker": hosts}, "task": {"type": "worker", "index": index}})


def test_tf_config_accepts_the_reference():
    assert check_tf_config(reference_tf_config)


def test_tf_config_rejects_plausible_mistakes():
    as_dict = check_tf_config(lambda hosts, index: {"cluster": {"worker": hosts},
                                                    "task": {"type": "worker", "index": index}})
    assert not as_dict and "json.dumps" in as_dict.message
    only_me = check_tf_config(lambda hosts, index: json.dumps({"cluster": {"worker": [hosts[index]]},
                                                               "task": {"type": "worker", "index": 0}}))
    assert not only_me and "every worker" in only_me.message
    text_index = check_tf_config(lambda hosts, index: json.dumps({"cluster": {"worker": hosts},
                                                                  "task": {"type": "worker", "index": str(index)}}))
    assert not text_index and "integer" in text_index.message
    chief = check_tf_config(lambda hosts, index: json.dumps({"cluster": {"worker": hosts},
                                                             "task": {"type": "chief", "index": index}}))
    assert not chief

"""The MNIST workshop's one-line summary of the session's network: what it is and how much it has trained."""

from __future__ import annotations

from ui.mnist.state import MnistLab

#: Whole sentences with placeholders (for translation), by (trained here yet, rotated copies).
_HEADERS = {
    (False, False): "This session's network: 784-{hidden}-10, learning rate {rate:g}, {init} starting weights, "
                    "{origin}. Not trained here yet: the Train tab trains it on the first {count:,} training images.",
    (False, True): "This session's network: 784-{hidden}-10, learning rate {rate:g}, {init} starting weights, "
                   "{origin}. Not trained here yet: the Train tab trains it on the first {count:,} training images "
                   "and their rotated copies.",
    (True, False): "This session's network: 784-{hidden}-10, learning rate {rate:g}, {init} starting weights, "
                   "{origin}. Trained here on {seen:,} samples so far, from the first {count:,} training images.",
    (True, True): "This session's network: 784-{hidden}-10, learning rate {rate:g}, {init} starting weights, "
                  "{origin}. Trained here on {seen:,} samples so far, from the first {count:,} training images "
                  "and their rotated copies.",
}


def network_header(lab: MnistLab) -> str:
    """What the header says about the session's network: nothing it has not done."""
    network = lab.network
    template = _HEADERS[(lab.run.samples_seen > 0, bool(lab.rotations))]
    return template.format(
        hidden=network.hidden_nodes, rate=network.learning_rate, init=network.init, origin=lab.origin,
        count=lab.train_count, seen=lab.run.samples_seen,
    )
